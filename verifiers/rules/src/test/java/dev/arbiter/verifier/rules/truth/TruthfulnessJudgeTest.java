package dev.arbiter.verifier.rules.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.model.judge.JudgeClientSettings;
import dev.arbiter.model.judge.OpenAiJudgeClient;
import dev.arbiter.model.judge.testing.ScriptedJudgeServer;
import dev.arbiter.model.judge.testing.ScriptedReply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code truthfulness} with {@code judge: true} against the repository's scripted judge server. */
class TruthfulnessJudgeTest {

  private ScriptedJudgeServer server;
  private TruthfulnessScorer scorer;

  @BeforeEach
  void start() {
    server = ScriptedJudgeServer.start();
    JudgeClientSettings settings =
        JudgeClientSettings.of(server.baseUrl(), "judge")
            .withTimeout(Duration.ofSeconds(10))
            .withRetry(1, Duration.ofMillis(10), false);
    scorer = new TruthfulnessScorer(1 << 20, new LlmAnswerJudge(new OpenAiJudgeClient(settings)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ScoreResult score(String response) {
    return scorer.score(
        new ScoreItem(
            "j",
            "truthfulness",
            "Who wrote Hamlet?",
            response,
            Map.of("answer", "William Shakespeare"),
            Map.of("judge", true),
            null));
  }

  @Test
  void score_judgeSaysCorrectWhenExactMatchFails() {
    server.enqueue(ScriptedReply.text("CORRECT"));
    ScoreResult r = score("\\boxed{Shakespeare}");
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.reward()).isEqualTo(1.0);
    assertThat(r.details()).containsEntry("judge", "correct");
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).body()).contains("Shakespeare", "Who wrote Hamlet?");
  }

  @Test
  void score_judgeSaysIncorrect() {
    server.enqueue(ScriptedReply.text("INCORRECT"));
    ScoreResult r = score("\\boxed{Marlowe}");
    assertThat(r.reward()).isEqualTo(-1.0);
    assertThat(r.details()).containsEntry("outcome", "wrong");
  }

  @Test
  void score_exactMatchAndAbstentionNeverAskTheJudge() {
    assertThat(score("\\boxed{William Shakespeare}").reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{I don't know}").reward()).isEqualTo(0.0);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void score_judgeDown_isMaskedNotAMinusOne() {
    server.enqueue(ScriptedReply.status(503, "{\"error\": \"overloaded\"}"));
    ScoreResult r = score("\\boxed{Shakespeare}");
    assertThat(r.mask()).isTrue();
    assertThat(r.reward()).isNull();
    assertThat(r.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
  }

  @Test
  void score_judgeAnswersNonsense_isAMaskedError() {
    server.enqueue(ScriptedReply.text("Well, it depends."));
    ScoreResult r = score("\\boxed{Shakespeare}");
    assertThat(r.mask()).isTrue();
    assertThat(r.status()).isEqualTo(ScoreStatus.ERROR);
    assertThat((String) r.details().get("reason")).contains("neither CORRECT nor INCORRECT");
  }
}
