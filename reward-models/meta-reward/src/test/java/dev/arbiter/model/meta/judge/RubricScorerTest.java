package dev.arbiter.model.meta.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.model.judge.JudgeClient;
import dev.arbiter.model.judge.JudgeResponse;
import dev.arbiter.model.judge.JudgeTimeoutException;
import dev.arbiter.model.meta.InMemoryRubricStore;
import dev.arbiter.model.meta.ScriptedModels;
import dev.arbiter.model.meta.refine.ScoredSample;
import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.store.RubricCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RubricScorerTest {

  final RubricCatalog catalog =
      new RubricCatalog(new InMemoryRubricStore(), Clock.systemUTC(), Duration.ZERO);
  final List<ScoredSample> sunk = new ArrayList<>();
  final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void seed() {
    catalog.publish(draft(null, List.of(new RubricItem("Has a thesis", 3, List.of()))));
    catalog.publish(
        draft(
            1,
            List.of(
                new RubricItem("Has a thesis", 3, List.of()),
                new RubricItem("Uses evidence", 4, List.of()))));
  }

  static RubricDraft draft(Integer parent, List<RubricItem> items) {
    return new RubricDraft("essay", parent, "write an essay", items, "config", "seed", null, null);
  }

  RubricScorer scorer(JudgeClient judge) {
    return new RubricScorer(catalog, judge, sunk::add, false, "no judge configured");
  }

  JudgeClient scripted(String... answers) {
    return request -> {
      int i = calls.getAndIncrement();
      String text =
          i < answers.length
              ? answers[i]
              : ScriptedModels.judge(request.messages().get(1).content());
      return CompletableFuture.completedFuture(
          new JudgeResponse(text, "stop", List.of(), "m", 1, 1, 1));
    };
  }

  static ScoreItem item(String response, Map<String, Object> options) {
    return new ScoreItem("i1", "rubric", "Why?", response, Map.of("task", "essay"), options, null);
  }

  @Test
  void score_sumsItemPointsWithComponentsAndRationales() {
    ScoreResult r = scorer(scripted()).score(item("PERFECT essay", Map.of()));

    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.reward()).isEqualTo(7.0);
    assertThat(r.components()).containsEntry("item_1", 3.0).containsEntry("item_2", 4.0);
    assertThat(r.details())
        .containsEntry("rubric_version", 2)
        .containsEntry("points", 7)
        .containsEntry("max_points", 7)
        .containsEntry("rationales", List.of("item 1 judged.", "item 2 judged."));
    assertThat(sunk).singleElement().satisfies(s -> assertThat(s.total()).isEqualTo(7));
  }

  @Test
  void score_normalizeOptionDividesByMaxPoints() {
    ScoreResult r = scorer(scripted()).score(item("meh", Map.of("normalize", true)));

    assertThat(r.reward()).isEqualTo(2.0 / 7);
  }

  @Test
  void score_pinnedVersionUsesThatRubricAndDoesNotFeedTheLoop() {
    ScoreResult r = scorer(scripted()).score(item("PERFECT", Map.of("rubric_version", 1)));

    assertThat(r.reward()).isEqualTo(3.0);
    assertThat(r.details()).containsEntry("rubric_version", 1);
    assertThat(r.components()).containsOnlyKeys("item_1");
    assertThat(sunk).isEmpty();
  }

  @Test
  void score_malformedOutputIsAskedAgainOnce() {
    ScoreResult r = scorer(scripted("a 7, I think")).score(item("PERFECT", Map.of()));

    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.reward()).isEqualTo(7.0);
    assertThat(calls).hasValue(2);
  }

  @Test
  void score_malformedTwiceIsMaskedErrorNotAScore() {
    ScoreResult r = scorer(scripted("a 7", "{\"items\": []}")).score(item("PERFECT", Map.of()));

    assertThat(r.status()).isEqualTo(ScoreStatus.ERROR);
    assertThat(r.mask()).isTrue();
    assertThat(r.reward()).isNull();
    assertThat((String) r.details().get("reason")).contains("malformed twice");
    assertThat(calls).hasValue(2);
    assertThat(sunk).isEmpty();
  }

  @Test
  void score_judgeTimeoutIsMaskedUnavailable() {
    JudgeClient slow =
        request ->
            CompletableFuture.failedFuture(new JudgeTimeoutException("judge timed out", null));

    ScoreResult r = scorer(slow).score(item("x", Map.of()));

    assertThat(r.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
    assertThat(r.mask()).isTrue();
    assertThat((String) r.details().get("reason")).contains("judge timed out");
  }

  @Test
  void score_noJudgeIsUnavailableWithReason() {
    RubricScorer s = scorer(null);

    ScoreResult r = s.score(item("x", Map.of()));

    assertThat(s.ready()).isFalse();
    assertThat(s.descriptor().description()).contains("NOT READY");
    assertThat(r.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
    assertThat(r.mask()).isTrue();
    assertThat(r.reward()).isNull();
    assertThat(r.details()).containsEntry("reason", "no judge configured");
  }

  @Test
  void score_badReferenceOrOptions() {
    RubricScorer s = scorer(scripted());

    assertThat(s.score(new ScoreItem("i", "rubric", "p", "r", Map.of(), Map.of(), null)).status())
        .isEqualTo(ScoreStatus.INVALID_REFERENCE);
    assertThat(
            s.score(new ScoreItem("i", "rubric", "p", "r", Map.of("task", "poem"), Map.of(), null))
                .details()
                .get("reason"))
        .isEqualTo("no rubric for task 'poem'; known tasks: [essay]");
    assertThat(s.score(item("r", Map.of("rubric_version", 9))).status())
        .isEqualTo(ScoreStatus.INVALID_REFERENCE);
    assertThat(s.score(item("r", Map.of("rubric_version", "v1"))).status())
        .isEqualTo(ScoreStatus.INVALID_REQUEST);
    assertThat(calls).hasValue(0);
  }

  @Test
  void score_optionsAndReferenceAreBoundStrictlyPerItem() {
    RubricScorer s = scorer(scripted());

    assertThat(s.score(item("r", Map.of("rubric_version", 0))).details().get("reason"))
        .isEqualTo("options.rubric_version must be an integer in [1, 2147483647], got 0");
    assertThat(s.score(item("r", Map.of("rubric_version", 1.5))).details().get("reason"))
        .isEqualTo("options.rubric_version must be an integer, got 1.5");
    assertThat(s.score(item("r", Map.of("normalise", true))).details().get("reason"))
        .isEqualTo("unknown option 'normalise'; known options are [normalize, rubric_version]");
    assertThat(s.score(item("r", Map.of("normalize", "yes"))).status())
        .isEqualTo(ScoreStatus.INVALID_REQUEST);
    ScoreResult blank =
        s.score(new ScoreItem("i", "rubric", "p", "r", Map.of("task", " "), Map.of(), null));
    assertThat(blank.status()).isEqualTo(ScoreStatus.INVALID_REFERENCE);
    ScoreResult number =
        s.score(new ScoreItem("i", "rubric", "p", "r", Map.of("task", 5), Map.of(), null));
    assertThat(number.details().get("reason")).isEqualTo("reference.task must be a string, got 5");
    assertThat(calls).hasValue(0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void descriptor_schemasFromTheRecords() {
    var d = scorer(scripted()).descriptor();
    Map<String, Object> reference = d.referenceSchema();
    assertThat(reference)
        .containsEntry("type", "object")
        .containsEntry("required", List.of("task"));
    assertThat((Map<String, Object>) reference.get("properties")).containsOnlyKeys("task");
    Map<String, Object> options = d.optionsSchema();
    assertThat(options).containsEntry("additionalProperties", false);
    Map<String, Object> props = (Map<String, Object>) options.get("properties");
    assertThat(List.copyOf(props.keySet())).isEqualTo(List.of("rubric_version", "normalize"));
    Map<String, Object> version = (Map<String, Object>) props.get("rubric_version");
    assertThat(version).containsEntry("type", "integer");
    assertThat(((Number) version.get("minimum")).intValue()).isEqualTo(1);
    assertThat((Map<String, Object>) props.get("normalize")).containsEntry("type", "boolean");
  }
}
