package dev.arbiter.verifier.code.spec;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.Required;
import dev.arbiter.api.fields.SchemaAs;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A {@code code} reference as {@link ItemFields} binds it: the envelope of every accepted shape,
 * each field typed. Which shape the reference is, and the checks that depend on the shape, are
 * {@link TestSpecParser}'s: {@code assert} is a string or a list, and {@code inputs} hold stdin
 * strings or argument lists, so those stay raw here.
 */
@JsonClassDescription(
    "the tests, one of: tests (stdin/stdout), inputs+outputs, assert (+entry_point, setup),"
        + " fn_name+cases (or fn_name+inputs+outputs), run")
record CodeReference(
    @JsonPropertyDescription("language id or alias (options.language wins)") String language,
    @JsonPropertyDescription(Comparison.DOC) Comparison compare,
    @JsonPropertyDescription("tolerance of float comparison, absolute or relative")
        Double floatTolerance,
    @JsonProperty("assert")
        @JsonPropertyDescription(
            "test code (a string: HumanEval's check(candidate) or asserts) or a non-empty list of"
                + " assert statements, one test each (MBPP)")
        Object assertion,
    @JsonPropertyDescription("another name of assert (HumanEval's column); assert wins")
        Object test,
    @JsonPropertyDescription("with test code: the function check(...) is called with")
        String entryPoint,
    @JsonPropertyDescription("with assert: code placed before the tests (imports)") String setup,
    @JsonPropertyDescription("the function (or Solution method) each case calls") String fnName,
    @JsonPropertyDescription("with fn_name: the calls") List<CallCase> cases,
    @JsonPropertyDescription("stdin/stdout tests, one process each") List<StdioTest> tests,
    @JsonPropertyDescription(
            "APPS-style: each test's stdin (with fn_name: each call's argument list)")
        List<Object> inputs,
    @JsonPropertyDescription(
            "APPS-style, as many as inputs: each test's stdout (with fn_name: each expected value)")
        List<Object> outputs,
    @JsonPropertyDescription("run once and report stdout, stderr, exit code; reward 1 on exit 0")
        Boolean run,
    @JsonPropertyDescription("with run: the program's stdin") String stdin) {

  /** One stdin/stdout test; {@code input}/{@code output} are other names (the first pair wins). */
  @JsonClassDescription("a stdin/stdout test")
  record StdioTest(
      @JsonPropertyDescription("the program's stdin (default empty)") String stdin,
      @JsonPropertyDescription("the expected stdout") String stdout,
      @JsonPropertyDescription("another name of stdin") String input,
      @JsonPropertyDescription("another name of stdout") String output) {}

  /**
   * One function call. {@code expected} is a tree so that {@code "expected": null} (the function
   * returns None) stays apart from a missing {@code expected}: JSON null binds as a null node.
   * {@link Required} here is for the schema: ItemFields checks only the top-level record's
   * components, so {@link TestSpecParser} refuses a case without either.
   */
  @JsonClassDescription("a function call")
  record CallCase(
      @JsonPropertyDescription("the arguments") @Required List<Object> args,
      @JsonPropertyDescription("the result, compared as JSON") @Required @SchemaAs(Object.class)
          JsonNode expected) {}
}
