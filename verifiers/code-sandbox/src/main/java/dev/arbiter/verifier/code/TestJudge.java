package dev.arbiter.verifier.code;

import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.spec.AssertSuite;
import dev.arbiter.verifier.code.spec.Comparison;
import dev.arbiter.verifier.code.spec.Harness;
import dev.arbiter.verifier.code.spec.Json;
import dev.arbiter.verifier.code.spec.TestCase;
import dev.arbiter.verifier.code.spec.TestSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Judges one finished test run: how the process ended and what it printed, against the test case,
 * become a {@link TestReport}. A pure function of its inputs (no sandbox, no clock), so every
 * verdict can be tested with made-up {@link RunOutcome}s.
 *
 * @param spec the item's tests
 * @param suite the prepared assert suite (assert tests only, else null)
 * @param comparison how stdout is compared (stdin/stdout tests)
 * @param tolerance float tolerance (stdout {@code float} comparison, function results)
 * @param sentinel the marker before a function call's JSON result (function-call tests)
 */
record TestJudge(
    TestSpec spec, AssertSuite suite, Comparison comparison, double tolerance, String sentinel) {

  static final int SHOWN = 400;

  /** Refused before running (the assert suite found the solution may not run this test). */
  TestReport refused(int index, TestCase c, String reason) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("reason", reason);
    shown.put("input", c.label());
    return new TestReport(index, TestOutcome.WRONG_ANSWER, false, shown);
  }

  /** The report of run {@code o} of case {@code c}; {@code nonce} is the run's (assert tests). */
  TestReport judge(int index, TestCase c, RunOutcome o, String nonce) {
    Map<String, Object> shown = new LinkedHashMap<>();
    TestOutcome outcome = outcome(o, c, index, nonce, shown);
    shown.put("time_ms", round(o.wallMs()));
    if (outcome != TestOutcome.PASSED) {
      shown.put("input", c.label());
      if (o.stderr().length > 0) {
        shown.put("stderr", tail(o.stderrText()));
      }
    }
    if (spec.kind() == TestSpec.Kind.RUN) {
      shown.put("stdout", head(o.stdoutText()));
      shown.put("stderr", tail(o.stderrText()));
      shown.put("exit_code", o.exitCode());
    }
    return new TestReport(index, outcome, false, shown);
  }

  private TestOutcome outcome(
      RunOutcome o, TestCase c, int index, String nonce, Map<String, Object> t) {
    switch (o.termination()) {
      case WALL_TIMEOUT, CPU_TIMEOUT -> {
        return TestOutcome.TIMEOUT;
      }
      case MEMORY -> {
        return TestOutcome.MEMORY_LIMIT;
      }
      case OUTPUT_LIMIT -> {
        return TestOutcome.OUTPUT_LIMIT;
      }
      default -> {}
    }
    if (o.exitCode() != 0) {
      if (looksLikeMemoryFailure(o.stderrText())) {
        return TestOutcome.MEMORY_LIMIT;
      }
      if (spec.kind() == TestSpec.Kind.ASSERT && o.stderrText().contains("AssertionError")) {
        return TestOutcome.WRONG_ANSWER;
      }
      t.put("exit_code", o.exitCode());
      return TestOutcome.RUNTIME_ERROR;
    }
    String out = o.stdoutText();
    return switch (spec.kind()) {
      case RUN -> TestOutcome.PASSED;
      case STDIO -> stdio(c, out, t);
      case ASSERT -> asserted(index, out, nonce, t);
      case FUNCTION -> function(c, out, t);
    };
  }

  private TestOutcome stdio(TestCase c, String out, Map<String, Object> t) {
    if (comparison.matches(c.expectedStdout(), out, tolerance)) {
      return TestOutcome.PASSED;
    }
    t.put("expected", head(c.expectedStdout()));
    t.put("actual", head(out));
    return TestOutcome.WRONG_ANSWER;
  }

  private TestOutcome asserted(int index, String out, String nonce, Map<String, Object> t) {
    AssertSuite.Verdict v = suite.judge(index, out, nonce);
    if (v.outcome() == AssertSuite.Outcome.PASSED) {
      return TestOutcome.PASSED;
    }
    t.put("reason", v.reason());
    if (v.expected() != null) {
      t.put("expected", head(v.expected()));
    }
    if (v.actual() != null) {
      t.put("actual", head(v.actual()));
    }
    return v.outcome() == AssertSuite.Outcome.RAISED
        ? TestOutcome.RUNTIME_ERROR
        : TestOutcome.WRONG_ANSWER;
  }

  private TestOutcome function(TestCase c, String out, Map<String, Object> t) {
    String json = Harness.returnedJson(out, sentinel);
    if (json == null) {
      t.put("reason", "exited before the function returned");
      return TestOutcome.WRONG_ANSWER;
    }
    Object actual;
    try {
      actual = Json.read(json);
    } catch (IllegalArgumentException e) {
      t.put("reason", "result is not JSON-serializable");
      return TestOutcome.WRONG_ANSWER;
    }
    if (Json.same(c.expectedValue(), actual, tolerance)) {
      return TestOutcome.PASSED;
    }
    t.put("expected", head(Json.write(c.expectedValue())));
    t.put("actual", head(json));
    return TestOutcome.WRONG_ANSWER;
  }

  static boolean looksLikeMemoryFailure(String stderr) {
    return stderr.contains("MemoryError")
        || stderr.contains("std::bad_alloc")
        || stderr.contains("java.lang.OutOfMemoryError")
        || stderr.contains("JavaScript heap out of memory")
        || stderr.contains("memory allocation of")
        || stderr.contains("Cannot allocate memory")
        || stderr.contains("fatal error: runtime: out of memory");
  }

  static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  static String head(String s) {
    return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "…";
  }

  static String tail(String s) {
    return s.length() <= SHOWN ? s : "…" + s.substring(s.length() - SHOWN);
  }
}
