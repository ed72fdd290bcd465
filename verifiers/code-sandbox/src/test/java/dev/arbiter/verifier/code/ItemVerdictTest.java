package dev.arbiter.verifier.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ItemVerdict}: test reports become reward, status and details, no sandbox. */
class ItemVerdictTest {

  private static final Map<String, Object> HEADER = Map.of("language", "python");
  private static final Duration BUDGET = Duration.ofSeconds(120);

  private static TestReport passed(int i) {
    return new TestReport(i, TestOutcome.PASSED, false, Map.of("time_ms", 1.0));
  }

  private static TestReport failed(int i, TestOutcome outcome) {
    return new TestReport(i, outcome, false, Map.of("time_ms", 1.0));
  }

  @Test
  void tests_fractionRewardsThePassRate() {
    ScoreResult r =
        ItemVerdict.tests(
            "a",
            HEADER,
            RewardMode.FRACTION,
            List.of(passed(0), failed(1, TestOutcome.WRONG_ANSWER), passed(2), passed(3)),
            BUDGET);
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.reward()).isEqualTo(0.75);
    assertThat(r.details())
        .containsEntry("language", "python")
        .containsEntry("passed", 3)
        .containsEntry("total", 4)
        .containsEntry("verdict", "failed")
        .containsEntry("reason", "3 of 4 tests passed")
        .doesNotContainKey(ScoreResult.LOAD_DEPENDENT);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tests = (List<Map<String, Object>>) r.details().get("tests");
    assertThat(tests)
        .extracting(t -> t.get("outcome"))
        .containsExactly("passed", "wrong_answer", "passed", "passed");
  }

  @Test
  void tests_allAndFailFastAreAllOrNothing() {
    List<TestReport> one = List.of(passed(0), failed(1, TestOutcome.RUNTIME_ERROR));
    assertThat(ItemVerdict.tests("a", HEADER, RewardMode.ALL, one, BUDGET).reward()).isZero();
    List<TestReport> ff = List.of(failed(0, TestOutcome.WRONG_ANSWER), TestReport.notRun(1, false));
    ScoreResult r = ItemVerdict.tests("a", HEADER, RewardMode.FAIL_FAST, ff, BUDGET);
    assertThat(r.reward()).isZero();
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    List<TestReport> all = List.of(passed(0), passed(1));
    ScoreResult ok = ItemVerdict.tests("a", HEADER, RewardMode.ALL, all, BUDGET);
    assertThat(ok.reward()).isEqualTo(1.0);
    assertThat(ok.details()).containsEntry("verdict", "accepted");
  }

  @Test
  void tests_aTimeoutMakesTheVerdictLoadDependent() {
    ScoreResult r =
        ItemVerdict.tests(
            "a",
            HEADER,
            RewardMode.FRACTION,
            List.of(passed(0), failed(1, TestOutcome.TIMEOUT)),
            BUDGET);
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.details()).containsEntry(ScoreResult.LOAD_DEPENDENT, true);
  }

  @Test
  void tests_spentBudgetEndsTimeoutWithTheRewardOfWhatPassed_noHiddenKeyOnTheWire() {
    ScoreResult r =
        ItemVerdict.tests(
            "a",
            HEADER,
            RewardMode.FRACTION,
            List.of(passed(0), TestReport.notRun(1, true)),
            BUDGET);
    assertThat(r.status()).isEqualTo(ScoreStatus.TIMEOUT);
    assertThat(r.mask()).isFalse();
    assertThat(r.reward()).isEqualTo(0.5);
    assertThat(r.details())
        .containsEntry(ScoreResult.LOAD_DEPENDENT, true)
        .containsEntry("reason", "item time budget of PT2M spent");
    assertThat(r.details().get("tests").toString())
        .contains("outcome=not_run")
        .doesNotContain("budget");
  }

  @Test
  void compileError_wallTimeoutIsLoadDependent_exitIsNot() {
    RunOutcome error =
        new RunOutcome(
            Termination.EXITED,
            1,
            new byte[0],
            "error: expected ';'".getBytes(StandardCharsets.UTF_8),
            50);
    ScoreResult r = ItemVerdict.compileError("a", HEADER, error, -1);
    assertThat(r.reward()).isEqualTo(-1.0);
    assertThat(r.details())
        .containsEntry("verdict", "compile_error")
        .containsEntry("reason", "compile error")
        .containsEntry("compile_stderr", "error: expected ';'")
        .doesNotContainKey(ScoreResult.LOAD_DEPENDENT);
    ScoreResult slow = ItemVerdict.compileError("a", HEADER, error.as(Termination.WALL_TIMEOUT), 0);
    assertThat(slow.details())
        .containsEntry(ScoreResult.LOAD_DEPENDENT, true)
        .containsEntry("reason", "compile did not finish: wall_timeout");
  }

  @Test
  void noCode_rewardsTheNoCodeReward() {
    ScoreResult r = ItemVerdict.noCode("a", "cpp", -0.5);
    assertThat(r.reward()).isEqualTo(-0.5);
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.details()).containsEntry("verdict", "no_code");
  }
}
