package dev.arbiter.verifier.code;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one test case came to.
 *
 * @param test the case's index
 * @param outcome its outcome
 * @param budgetSpent not run because the item's time budget ran out (the item then ends {@code
 *     timeout})
 * @param shown what {@code details.tests[]} shows besides index and outcome (time, input, expected
 *     and actual output, reason, stderr, exit code), in order
 */
record TestReport(int test, TestOutcome outcome, boolean budgetSpent, Map<String, Object> shown) {

  TestReport {
    shown = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shown));
  }

  /** Skipped: after a failure under {@code fail_fast}, or ({@code budgetSpent}) out of time. */
  static TestReport notRun(int test, boolean budgetSpent) {
    return new TestReport(test, TestOutcome.NOT_RUN, budgetSpent, Map.of());
  }

  boolean passed() {
    return outcome == TestOutcome.PASSED;
  }

  /** Decided by the clock: it may go the other way on a less loaded host. */
  boolean loadDependent() {
    return budgetSpent || outcome == TestOutcome.TIMEOUT;
  }

  /** The entry of {@code details.tests}. */
  Map<String, Object> wire() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("test", test);
    t.put("outcome", outcome.wire());
    t.putAll(shown);
    return t;
  }
}
