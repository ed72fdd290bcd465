package dev.arbiter.verifier.code;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.Termination;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what an item's runs came to into its result: reward, status and details. Pure (no sandbox,
 * no clock): the reward modes, the budget and the compile verdicts are tested on made-up reports.
 */
final class ItemVerdict {

  private ItemVerdict() {}

  /** No program of the item's language in the response. */
  static ScoreResult noCode(String itemId, String language, double reward) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("reason", "no " + language + " code found in the response");
    d.put("verdict", "no_code");
    return ScoreResult.ok(itemId, reward, Map.of("pass_rate", 0.0), d);
  }

  /**
   * The compile step failed ({@code compile} did not succeed); {@code header}: the item's details
   * so far (language, format, ...).
   */
  static ScoreResult compileError(
      String itemId, Map<String, Object> header, RunOutcome compile, double reward) {
    Map<String, Object> details = new LinkedHashMap<>(header);
    if (compile.termination() == Termination.WALL_TIMEOUT) {
      details.put(ScoreResult.LOAD_DEPENDENT, true);
    }
    details.put("verdict", "compile_error");
    details.put(
        "reason",
        compile.termination() == Termination.EXITED
            ? "compile error"
            : "compile did not finish: " + compile.termination().name().toLowerCase(Locale.ROOT));
    details.put("compile_stderr", TestJudge.tail(compile.stderrText()));
    return ScoreResult.ok(itemId, reward, Map.of("pass_rate", 0.0), details);
  }

  /**
   * Every test's report (one per case, in order) under {@code mode}. A test skipped because the
   * {@code itemBudget} ran out makes the item {@code timeout} (not masked) with the reward of what
   * passed.
   */
  static ScoreResult tests(
      String itemId,
      Map<String, Object> header,
      RewardMode mode,
      List<TestReport> tests,
      Duration itemBudget) {
    int total = tests.size();
    int passed = (int) tests.stream().filter(TestReport::passed).count();
    boolean budgetSpent = tests.stream().anyMatch(TestReport::budgetSpent);
    Map<String, Object> details = new LinkedHashMap<>(header);
    if (tests.stream().anyMatch(TestReport::loadDependent)) {
      details.put(ScoreResult.LOAD_DEPENDENT, true);
    }
    double fraction = (double) passed / total;
    double reward = mode == RewardMode.FRACTION ? fraction : (passed == total ? 1.0 : 0.0);
    details.put("passed", passed);
    details.put("total", total);
    details.put("verdict", passed == total ? "accepted" : "failed");
    details.put("tests", tests.stream().map(TestReport::wire).toList());
    if (budgetSpent) {
      details.put("reason", "item time budget of " + itemBudget + " spent");
      return new ScoreResult(
          itemId,
          reward,
          ScoreStatus.TIMEOUT,
          false,
          Map.of("pass_rate", fraction),
          details,
          null,
          0);
    }
    details.put("reason", passed + " of " + total + " tests passed");
    return ScoreResult.ok(itemId, reward, Map.of("pass_rate", fraction), details);
  }
}
