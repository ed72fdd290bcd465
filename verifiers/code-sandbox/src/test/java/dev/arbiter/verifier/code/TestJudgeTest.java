package dev.arbiter.verifier.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.Termination;
import dev.arbiter.verifier.code.spec.AssertSuite;
import dev.arbiter.verifier.code.spec.Comparison;
import dev.arbiter.verifier.code.spec.TestCase;
import dev.arbiter.verifier.code.spec.TestSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TestJudge}: a finished run's termination and output become a test outcome, no sandbox. */
class TestJudgeTest {

  private static final String SENTINEL = "__arbiter_done_test";
  private static final TestCase SUM = new TestCase("2 3\n", "5\n", null, "2 3");

  private static RunOutcome exited(int exit, String out, String err) {
    return new RunOutcome(
        Termination.EXITED,
        exit,
        out.getBytes(StandardCharsets.UTF_8),
        err.getBytes(StandardCharsets.UTF_8),
        12.34);
  }

  private static RunOutcome ended(Termination how) {
    return new RunOutcome(how, 137, new byte[0], new byte[0], 5000);
  }

  private static TestSpec spec(TestSpec.Kind kind, List<TestCase> cases) {
    return new TestSpec(kind, "python", cases, List.of(), "", "f", null, null);
  }

  private static TestJudge stdio(Comparison comparison) {
    return new TestJudge(spec(TestSpec.Kind.STDIO, List.of(SUM)), null, comparison, 1e-6, SENTINEL);
  }

  @Test
  void judge_stdioMatchingOutputPasses_showsTimeOnly() {
    TestReport r = stdio(Comparison.WHITESPACE).judge(0, SUM, exited(0, "5  \n\n", ""), null);
    assertThat(r.outcome()).isEqualTo(TestOutcome.PASSED);
    assertThat(r.wire())
        .containsExactly(
            Map.entry("test", 0), Map.entry("outcome", "passed"), Map.entry("time_ms", 12.3));
  }

  @Test
  void judge_stdioWrongOutputShowsExpectedActualAndInput() {
    TestReport r = stdio(Comparison.EXACT).judge(3, SUM, exited(0, "5  \n", "warn"), null);
    assertThat(r.outcome()).isEqualTo(TestOutcome.WRONG_ANSWER);
    assertThat(r.wire())
        .containsEntry("test", 3)
        .containsEntry("expected", "5\n")
        .containsEntry("actual", "5  \n")
        .containsEntry("input", "2 3")
        .containsEntry("stderr", "warn");
    assertThat(r.loadDependent()).isFalse();
  }

  @Test
  void judge_terminationsDecideBeforeOutput() {
    TestJudge judge = stdio(Comparison.WHITESPACE);
    assertThat(judge.judge(0, SUM, ended(Termination.WALL_TIMEOUT), null).outcome())
        .isEqualTo(TestOutcome.TIMEOUT);
    assertThat(judge.judge(0, SUM, ended(Termination.CPU_TIMEOUT), null).loadDependent()).isTrue();
    assertThat(judge.judge(0, SUM, ended(Termination.MEMORY), null).outcome())
        .isEqualTo(TestOutcome.MEMORY_LIMIT);
    assertThat(judge.judge(0, SUM, ended(Termination.OUTPUT_LIMIT), null).outcome())
        .isEqualTo(TestOutcome.OUTPUT_LIMIT);
  }

  @Test
  void judge_nonZeroExitIsRuntimeErrorUnlessTheRuntimeRanOutOfMemory() {
    TestJudge judge = stdio(Comparison.WHITESPACE);
    TestReport crash = judge.judge(0, SUM, exited(1, "5\n", "Traceback: ZeroDivisionError"), null);
    assertThat(crash.outcome()).isEqualTo(TestOutcome.RUNTIME_ERROR);
    assertThat(crash.wire()).containsEntry("exit_code", 1);
    assertThat(judge.judge(0, SUM, exited(1, "", "MemoryError"), null).outcome())
        .isEqualTo(TestOutcome.MEMORY_LIMIT);
    assertThat(judge.judge(0, SUM, exited(134, "", "terminate: std::bad_alloc"), null).outcome())
        .isEqualTo(TestOutcome.MEMORY_LIMIT);
  }

  @Test
  void judge_longOutputIsCutToTheShownLength() {
    String flood = "x".repeat(5000);
    TestReport r = stdio(Comparison.EXACT).judge(0, SUM, exited(0, flood, flood), null);
    assertThat((String) r.wire().get("actual")).hasSize(TestJudge.SHOWN + 1).endsWith("…");
    assertThat((String) r.wire().get("stderr")).hasSize(TestJudge.SHOWN + 1).startsWith("…");
  }

  @Test
  void judge_functionResultComparedAsJsonAfterTheSentinel() {
    TestCase twoSum = new TestCase("[[2, 7], 9]", null, List.of(0, 1), "[[2, 7], 9]");
    TestJudge judge =
        new TestJudge(
            spec(TestSpec.Kind.FUNCTION, List.of(twoSum)),
            null,
            Comparison.WHITESPACE,
            1e-6,
            SENTINEL);
    assertThat(
            judge
                .judge(0, twoSum, exited(0, "noise\n" + SENTINEL + "[0, 1]\n", ""), null)
                .outcome())
        .isEqualTo(TestOutcome.PASSED);
    TestReport wrong = judge.judge(0, twoSum, exited(0, SENTINEL + "[1, 0]\n", ""), null);
    assertThat(wrong.outcome()).isEqualTo(TestOutcome.WRONG_ANSWER);
    assertThat(wrong.wire()).containsEntry("expected", "[0,1]").containsEntry("actual", "[1, 0]");
    // printing the expected value without the sentinel is not a return
    TestReport printed = judge.judge(0, twoSum, exited(0, "[0, 1]\n", ""), null);
    assertThat(printed.outcome()).isEqualTo(TestOutcome.WRONG_ANSWER);
    assertThat(printed.wire()).containsEntry("reason", "exited before the function returned");
  }

  @Test
  void judge_assertRunThatExitsCleanlyWithoutARecordFails() {
    TestSpec spec =
        new TestSpec(
            TestSpec.Kind.ASSERT,
            "python",
            List.of(new TestCase("", null, null, "assert add(1, 2) == 3")),
            List.of("assert add(1, 2) == 3"),
            "",
            null,
            null,
            null);
    AssertSuite suite = AssertSuite.prepare("python", spec, "0123456789abcdef01234567");
    TestJudge judge = new TestJudge(spec, suite, Comparison.WHITESPACE, 1e-6, SENTINEL);
    TestCase c = spec.cases().get(0);
    assertThat(judge.judge(0, c, exited(0, "", ""), "feedface").outcome())
        .isEqualTo(TestOutcome.WRONG_ANSWER);
    assertThat(judge.judge(0, c, exited(1, "", "AssertionError"), "feedface").outcome())
        .isEqualTo(TestOutcome.WRONG_ANSWER);
  }

  @Test
  void judge_plainRunPassesOnExitZeroAndShowsItsOutput() {
    TestCase once = new TestCase("", null, null, "run");
    TestJudge judge =
        new TestJudge(
            spec(TestSpec.Kind.RUN, List.of(once)), null, Comparison.WHITESPACE, 1e-6, SENTINEL);
    TestReport r = judge.judge(0, once, exited(0, "hello\n", "note\n"), null);
    assertThat(r.outcome()).isEqualTo(TestOutcome.PASSED);
    assertThat(r.wire())
        .containsEntry("stdout", "hello\n")
        .containsEntry("stderr", "note\n")
        .containsEntry("exit_code", 0);
    assertThat(judge.judge(0, once, exited(3, "", ""), null).outcome())
        .isEqualTo(TestOutcome.RUNTIME_ERROR);
  }

  @Test
  void refused_isAWrongAnswerNamingTheReason() {
    TestReport r = stdio(Comparison.WHITESPACE).refused(2, SUM, "defines an operator");
    assertThat(r.outcome()).isEqualTo(TestOutcome.WRONG_ANSWER);
    assertThat(r.wire())
        .containsEntry("reason", "defines an operator")
        .containsEntry("input", "2 3");
  }
}
