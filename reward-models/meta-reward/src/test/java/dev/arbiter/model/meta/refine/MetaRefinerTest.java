package dev.arbiter.model.meta.refine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.model.judge.JudgeClient;
import dev.arbiter.model.judge.JudgeUnavailableException;
import dev.arbiter.model.meta.InMemoryRubricStore;
import dev.arbiter.model.meta.ScriptedModels;
import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricLimits;
import dev.arbiter.model.meta.rubric.RubricVersion;
import dev.arbiter.model.meta.store.RubricCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MetaRefinerTest {

  final RubricCatalog catalog =
      new RubricCatalog(new InMemoryRubricStore(), Clock.systemUTC(), Duration.ZERO);
  final ScriptedModels models = new ScriptedModels();
  final List<String> steps = new ArrayList<>();

  RubricVersion seed() {
    return ScriptedModels.seedEssay(catalog);
  }

  JudgeClient metaModel(Runnable beforeMerge) {
    return request -> {
      String user = request.messages().get(request.messages().size() - 1).content();
      steps.add(user.substring(0, user.indexOf(']') + 1));
      if (user.startsWith("[meta:merge]")) {
        beforeMerge.run();
      }
      return models.client().chat(request);
    };
  }

  static List<ScoredSample> samples(int n) {
    List<ScoredSample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new ScoredSample(
              "s" + i, "essay", 1, "Why?", "PERFECT padding padding " + i, 3, 3, List.of(3)));
    }
    return out;
  }

  MetaRefiner refiner(JudgeClient meta) {
    return new MetaRefiner(meta, "meta-model:m", RubricLimits.DEFAULT, 200, 200);
  }

  @Test
  void refine_analyzesRefinesMergesAndPublishesWithProvenance() {
    RubricVersion v1 = seed();

    RefinementOutcome outcome = refiner(metaModel(() -> {})).refine(catalog, v1, samples(3), "api");

    assertThat(outcome.status()).isEqualTo("published");
    assertThat(outcome.version()).isEqualTo(2);
    assertThat(steps).containsExactly("[meta:analyze]", "[meta:refine]", "[meta:merge]");
    RubricVersion v2 = catalog.current("essay").orElseThrow();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.parentVersion()).isEqualTo(1);
    assertThat(v2.author()).isEqualTo("meta-model:m");
    assertThat(v2.trigger()).isEqualTo("api");
    assertThat(v2.analysis()).isEqualTo(models.analysis);
    assertThat(v2.samples()).contains("\"id\":\"s0\"").contains("\"total\":3");
    assertThat(v2.items())
        .extracting(RubricItem::criterion)
        .containsExactly("States a clear thesis.", "Penalize padding and repeated phrases.");
  }

  @Test
  void refine_invalidMergedRubricIsRejectedAndNothingPublished() {
    RubricVersion v1 = seed();
    models.merged =
        "{\"items\": [{\"criterion\": \"\", \"max_points\": 3}, {\"criterion\": \"ok\","
            + " \"max_points\": 1000}]}";

    RefinementOutcome outcome = refiner(metaModel(() -> {})).refine(catalog, v1, samples(3), "api");

    assertThat(outcome.status()).isEqualTo("rejected");
    assertThat(outcome.reason())
        .contains("item 1 has no criterion")
        .contains("max_points should be 1..100, was 1000");
    assertThat(catalog.current("essay").orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void refine_tooManyItemsIsRejected() {
    RubricVersion v1 = seed();
    StringBuilder many = new StringBuilder("{\"items\": [");
    for (int i = 0; i < 25; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"criterion\": \"c")
          .append(i)
          .append("\", \"max_points\": 1}");
    }
    models.merged = many.append("]}").toString();

    RefinementOutcome outcome = refiner(metaModel(() -> {})).refine(catalog, v1, samples(1), "api");

    assertThat(outcome.status()).isEqualTo("rejected");
    assertThat(outcome.reason()).contains("at most 20 items, this one has 25");
  }

  @Test
  void refine_humanEditDuringRefinementMakesItAConflict() {
    RubricVersion v1 = seed();
    Runnable humanEdits =
        () ->
            catalog.publish(
                new RubricDraft(
                    "essay",
                    1,
                    "write an essay",
                    List.of(new RubricItem("Human item", 2, List.of())),
                    "human:alice",
                    "edit",
                    null,
                    null));

    RefinementOutcome outcome =
        refiner(metaModel(humanEdits)).refine(catalog, v1, samples(2), "count");

    assertThat(outcome.status()).isEqualTo("conflict");
    assertThat(catalog.store().history("essay"))
        .extracting(RubricVersion::author)
        .containsExactly("config", "human:alice");
  }

  @Test
  void refine_unreachableMetaModelFails() {
    RubricVersion v1 = seed();
    JudgeClient down =
        r ->
            CompletableFuture.failedFuture(
                new JudgeUnavailableException("connection refused", null));

    RefinementOutcome outcome = refiner(down).refine(catalog, v1, samples(2), "api");

    assertThat(outcome.status()).isEqualTo("failed");
    assertThat(outcome.reason()).contains("connection refused");
  }
}
