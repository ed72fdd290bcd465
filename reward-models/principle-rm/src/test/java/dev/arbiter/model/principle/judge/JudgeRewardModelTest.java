package dev.arbiter.model.principle.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.model.judge.JudgeClientSettings;
import dev.arbiter.model.judge.OpenAiJudgeClient;
import dev.arbiter.model.judge.TokenLogprob;
import dev.arbiter.model.judge.TopLogprob;
import dev.arbiter.model.judge.testing.ScriptedJudgeServer;
import dev.arbiter.model.judge.testing.ScriptedReply;
import dev.arbiter.model.principle.Principle;
import dev.arbiter.model.principle.PrincipledItem;
import dev.arbiter.model.principle.ScoringMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JudgeRewardModelTest {

  static final List<Principle> TWO =
      List.of(
          new Principle("helpful", "answers the question", null, 1),
          new Principle("honest", "says only true things", "makes things up", 2));

  static ScriptedJudgeServer server;
  static JudgeRewardModel model;

  @BeforeAll
  static void start() {
    server = ScriptedJudgeServer.start();
    JudgeClientSettings client =
        JudgeClientSettings.of(server.baseUrl(), "judge-7b")
            // room for a loaded machine (500 ms was missed at a load average of 46); the slow judge
            // below answers after a minute, so it times out all the same
            .withTimeout(Duration.ofSeconds(5))
            .withRetry(2, Duration.ofMillis(10), false)
            .withCircuit(100f, 100, 100, Duration.ofSeconds(1));
    model =
        new JudgeRewardModel(new OpenAiJudgeClient(client), "judge-7b", JudgeSettings.defaults());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  static PrincipledItem item(ScoringMode mode) {
    return new PrincipledItem("What is 2+2?", "4", TWO, mode);
  }

  static TokenLogprob digits(String chosen, Map<String, Double> probs) {
    return new TokenLogprob(
        chosen,
        Math.log(probs.get(chosen)),
        probs.entrySet().stream()
            .map(e -> new TopLogprob(e.getKey(), Math.log(e.getValue())))
            .toList());
  }

  @Test
  void score_perPrincipleReadsLogprobsAsExpectedVerdict() {
    server.respondWith(
        req ->
            req.lastUserMessage().contains("honest")
                ? ScriptedReply.text("8")
                    .withLogprobs(List.of(digits("8", Map.of("8", 0.5, "9", 0.25, "7", 0.25))))
                : ScriptedReply.text("Score: 3"));
    ScoreResult r = model.score(List.of(item(ScoringMode.PER_PRINCIPLE))).get(0);
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.components().get("honest"))
        .isCloseTo((0.5 * 8 + 0.25 * 9 + 0.25 * 7) / 9, within(1e-9));
    assertThat(r.components().get("helpful")).isCloseTo(3.0 / 9, within(1e-9));
    assertThat(r.reward())
        .isCloseTo(
            (r.components().get("helpful") + 2 * r.components().get("honest")) / 3, within(1e-9));
    assertThat(r.details())
        .containsEntry("verdict_source", Map.of("helpful", "text", "honest", "logprobs"))
        .containsEntry("judge_model", "judge-7b");
    assertThat(server.requests()).hasSize(2).allMatch(c -> c.logprobs() && c.topLogprobs() == 20);
    assertThat(server.requests().get(0).lastUserMessage())
        .contains("What is 2+2?")
        .contains("to 9 (follows them fully)");
  }

  @Test
  void score_jointAsksOnceWithAllPrinciples() {
    server.respondWith(req -> ScriptedReply.text("9"));
    ScoreResult r = model.score(List.of(item(ScoringMode.JOINT))).get(0);
    assertThat(r.reward()).isEqualTo(1.0);
    assertThat(r.components()).containsOnlyKeys("joint");
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).lastUserMessage())
        .contains("- helpful: answers the question")
        .contains("- honest: says only true things");
  }

  @Test
  void score_outputWithoutVerdictIsMaskedNotScored() {
    server.enqueue(ScriptedReply.text("I would rather not say."));
    ScoreResult r = model.score(List.of(item(ScoringMode.JOINT))).get(0);
    assertThat(r.status()).isEqualTo(ScoreStatus.ERROR);
    assertThat(r.mask()).isTrue();
    assertThat(r.reward()).isNull();
    assertThat((String) r.details().get("reason")).contains("judge output has no number");
  }

  @Test
  void score_verdictOutsideScaleIsMasked() {
    server.enqueue(ScriptedReply.text("12"));
    ScoreResult r = model.score(List.of(item(ScoringMode.JOINT))).get(0);
    assertThat(r.mask()).isTrue();
    assertThat((String) r.details().get("reason")).contains("outside 0..9");
  }

  @Test
  void score_malformedBodyIsMaskedError() {
    server.enqueue(ScriptedReply.raw("{\"not\": \"a completion\""));
    ScoreResult r = model.score(List.of(item(ScoringMode.JOINT))).get(0);
    assertThat(r.status()).isEqualTo(ScoreStatus.ERROR);
    assertThat(r.mask()).isTrue();
  }

  @Test
  void score_slowJudgeTimesOutMaskedUnavailable() {
    // the judge answers a valid "5" after a minute: only the client's timeout makes this
    // unavailable
    server.respondWith(req -> ScriptedReply.text("5").delayed(Duration.ofMinutes(1)));
    ScoreResult r = model.score(List.of(item(ScoringMode.JOINT))).get(0);
    assertThat(r.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
    assertThat(r.mask()).isTrue();
    assertThat((String) r.details().get("reason")).contains("did not answer within");
  }

  @Test
  void score_serverErrorsAreRetriedThenMasked() {
    server.respondWith(req -> ScriptedReply.status(503, "{\"error\":{\"message\":\"busy\"}}"));
    ScoreResult r = model.score(List.of(item(ScoringMode.JOINT))).get(0);
    assertThat(r.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void score_oneFailingItemDoesNotFailItsBatch() {
    server.respondWith(
        req ->
            req.lastUserMessage().contains("broken")
                ? ScriptedReply.text("no idea")
                : ScriptedReply.text("6"));
    List<ScoreResult> r =
        model.score(
            List.of(
                new PrincipledItem("q", "fine", TWO, ScoringMode.JOINT),
                new PrincipledItem("q", "broken", TWO, ScoringMode.JOINT)));
    assertThat(r.get(0).reward()).isCloseTo(6.0 / 9, within(1e-9));
    assertThat(r.get(1).mask()).isTrue();
  }

  @Test
  void fill_doesNotExpandSlotsInsideValues() {
    assertThat(
            JudgeRewardModel.fill(
                "{prompt} / {response}", Map.of("{prompt}", "{response}", "{response}", "r")))
        .isEqualTo("{response} / r");
  }
}
