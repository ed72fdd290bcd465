package dev.arbiter.verifier.code.spec;

import java.util.List;

/**
 * The tests of one problem, parsed from an item's reference.
 *
 * @param kind which format
 * @param language the language the reference names, or null
 * @param cases the runs, each its own process
 * @param snippets {@link Kind#ASSERT}: the test code of each case (case {@code i} runs snippet
 *     {@code i}); empty otherwise
 * @param setup {@link Kind#ASSERT}: code placed before the tests (imports); may be empty
 * @param fnName {@link Kind#FUNCTION}: the function (or {@code Solution} method) to call
 * @param comparison {@link Kind#STDIO}: how stdout is compared (null: the option or default)
 * @param tolerance float tolerance (null: the option or default)
 */
public record TestSpec(
    Kind kind,
    String language,
    List<TestCase> cases,
    List<String> snippets,
    String setup,
    String fnName,
    Comparison comparison,
    Double tolerance) {

  /** The four reference formats. */
  public enum Kind {
    /** stdin/stdout cases (CodeContests, APPS, LiveCodeBench). */
    STDIO,
    /** assert-style test code appended to the solution (HumanEval, MBPP). */
    ASSERT,
    /** {@code fn_name} called with JSON arguments, result compared as JSON. */
    FUNCTION,
    /** run once and report stdout/stderr/exit (tools); reward 1 when it exits 0. */
    RUN
  }
}
