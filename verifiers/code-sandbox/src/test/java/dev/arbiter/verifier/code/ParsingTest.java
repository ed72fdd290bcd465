package dev.arbiter.verifier.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.verifier.code.extract.CodeExtractor;
import dev.arbiter.verifier.code.extract.CodeExtractor.Pick;
import dev.arbiter.verifier.code.spec.Comparison;
import dev.arbiter.verifier.code.spec.Json;
import dev.arbiter.verifier.code.spec.TestSpec;
import dev.arbiter.verifier.code.spec.TestSpecParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Extraction, comparison and reference parsing: plain functions, no sandbox. */
class ParsingTest {

  private static final List<String> PY = List.of("python", "py", "python3");

  @Test
  void extract_lastBlockOfTheLanguageWins() {
    String r =
        "```python\nprint(1)\n```\ntext\n```js\nconsole.log(2)\n```\n```python\nprint(3)\n```";
    assertThat(CodeExtractor.extract(r, PY, Pick.LAST)).isEqualTo("print(3)\n");
    assertThat(CodeExtractor.extract(r, PY, Pick.FIRST)).isEqualTo("print(1)\n");
  }

  @Test
  void extract_untaggedBlockWhenNoTaggedOne() {
    assertThat(CodeExtractor.extract("```\nx = 1\n```", PY, Pick.LAST)).isEqualTo("x = 1\n");
    assertThat(CodeExtractor.extract("```js\nx\n```", PY, Pick.LAST)).isNull();
  }

  @Test
  void extract_answerTagScopesTheSearch() {
    String r =
        "```python\nprint('draft')\n```\n<answer>\n```python\nprint('final')\n```\n</answer>";
    assertThat(CodeExtractor.extract(r, PY, Pick.LAST)).isEqualTo("print('final')\n");
    assertThat(CodeExtractor.extract("<answer>print(4)</answer>", PY, Pick.LAST))
        .isEqualTo("print(4)\n");
  }

  @Test
  void extract_noCodeAndRaw() {
    assertThat(CodeExtractor.extract("I cannot solve this.", PY, Pick.LAST)).isNull();
    assertThat(CodeExtractor.extract("echo hi", PY, Pick.RAW)).isEqualTo("echo hi");
    assertThat(CodeExtractor.extract("```python\n\n```", PY, Pick.LAST)).isNull();
  }

  @Test
  void compare_modes() {
    assertThat(Comparison.WHITESPACE.matches("1 2\n3\n", "1 2   \r\n3\n\n\n", 0)).isTrue();
    assertThat(Comparison.WHITESPACE.matches("1 2\n", "1  2\n", 0)).isFalse();
    assertThat(Comparison.EXACT.matches("1\n", "1", 0)).isFalse();
    assertThat(Comparison.FLOAT.matches("0.333333 x", "0.3333331 x", 1e-6)).isTrue();
    assertThat(Comparison.FLOAT.matches("1e9", "1000000100", 1e-6)).isTrue();
    assertThat(Comparison.FLOAT.matches("0.5", "0.6", 1e-6)).isFalse();
    assertThat(Comparison.FLOAT.matches("nan", "nan", 1e-6)).isTrue();
    assertThat(Comparison.FLOAT.matches("1 2", "1", 1e-6)).isFalse();
  }

  @Test
  void json_sameIsStructuralWithTolerance() {
    assertThat(Json.same(List.of(1, 2), Json.read("[1, 2.0]"), 1e-9)).isTrue();
    assertThat(Json.same(Map.of("a", 0.1), Json.read("{\"a\": 0.1000000001}"), 1e-6)).isTrue();
    assertThat(Json.same(List.of(1, 2), Json.read("[2, 1]"), 1e-9)).isFalse();
    assertThat(Json.same("1", Json.read("1"), 1e-9)).isFalse();
  }

  @Test
  void parse_referenceShapes() {
    TestSpec apps =
        TestSpecParser.parse(
            Map.of("inputs", List.of("1\n", "2\n"), "outputs", List.of("1\n", "4\n")));
    assertThat(apps.kind()).isEqualTo(TestSpec.Kind.STDIO);
    assertThat(apps.cases()).hasSize(2);
    TestSpec callApps =
        TestSpecParser.parse(
            Map.of(
                "fn_name",
                "f",
                "inputs",
                List.of(List.of(1), List.of(2)),
                "outputs",
                List.of(2, 4)));
    assertThat(callApps.kind()).isEqualTo(TestSpec.Kind.FUNCTION);
    assertThat(callApps.cases().get(1).stdin()).isEqualTo("[2]");
    TestSpec humanEval =
        TestSpecParser.parse(
            Map.of("assert", "def check(c):\n    assert c(1)\n", "entry_point", "f"));
    assertThat(humanEval.snippets())
        .containsExactly("def check(c):\n    assert c(1)\n\ncheck(f)\n");
  }

  @Test
  void parse_brokenReferencesSayWhatWasExpected() {
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("language", "python")))
        .isInstanceOf(InvalidItemException.class)
        .hasMessageContaining("reference has no tests");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("tests", List.of())))
        .hasMessageContaining("empty list of tests");
    assertThatThrownBy(
            () -> TestSpecParser.parse(Map.of("inputs", List.of("1"), "outputs", List.of())))
        .hasMessage("reference.inputs has 1 entries but reference.outputs has 0");
    assertThatThrownBy(
            () -> TestSpecParser.parse(Map.of("fn_name", "os.system", "cases", List.of())))
        .hasMessage("reference.fn_name must be an identifier, got os.system");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("tests", List.of(Map.of("stdin", "1")))))
        .hasMessage("reference.tests[0].stdout is missing");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("tests", List.of(Map.of("stdout", 3)))))
        .hasMessage("reference.tests[0].stdout must be a string, got 3");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("tests", "1 2")))
        .hasMessage("reference.tests must be a list, got 1 2");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("assert", 7)))
        .hasMessageContaining("reference.assert must be test code");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("assert", List.of())))
        .hasMessageContaining("non-empty list");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("inputs", List.of("1"))))
        .hasMessage("reference.inputs needs reference.outputs");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("run", "yes")))
        .hasMessage("reference.run must be true or false, got yes");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("compare", "fuzzy", "run", true)))
        .hasMessage("reference.compare must be one of exact, whitespace, float, got fuzzy");
  }

  @Test
  void parse_functionCaseNeedsExpectedButItMayBeNull() {
    Map<String, Object> returnsNone = new java.util.HashMap<>();
    returnsNone.put("args", List.of(1));
    returnsNone.put("expected", null);
    TestSpec spec = TestSpecParser.parse(Map.of("fn_name", "f", "cases", List.of(returnsNone)));
    assertThat(spec.cases().get(0).expectedValue()).isNull();
    assertThatThrownBy(
            () ->
                TestSpecParser.parse(
                    Map.of("fn_name", "f", "cases", List.of(Map.of("args", List.of(1))))))
        .hasMessage("reference.cases[0].expected is missing");
    assertThatThrownBy(
            () ->
                TestSpecParser.parse(
                    Map.of("fn_name", "f", "cases", List.of(Map.of("args", 1, "expected", 2)))))
        .hasMessage("reference.cases[0].args must be a list, got 1");
    assertThatThrownBy(
            () ->
                TestSpecParser.parse(
                    Map.of("fn_name", "f", "inputs", List.of(1), "outputs", List.of(2))))
        .hasMessage("each of reference.inputs must be a list of arguments, got 1");
  }

  @Test
  void parse_functionArgumentsAndValuesKeepTheirJsonTypes() {
    List<Object> args =
        List.of(
            1, 2.5, 12345678901L, new java.math.BigInteger("123456789012345678901234567890"), "s");
    TestSpec spec =
        TestSpecParser.parse(
            Map.of(
                "fn_name",
                "f",
                "cases",
                List.of(Map.of("args", args, "expected", List.of(1.0, Map.of("a", true))))));
    assertThat(spec.cases().get(0).stdin())
        .isEqualTo("[1,2.5,12345678901,123456789012345678901234567890,\"s\"]");
    assertThat(Json.write(spec.cases().get(0).expectedValue())).isEqualTo("[1.0,{\"a\":true}]");
  }

  @Test
  void parse_aliasesAndPrecedence() {
    TestSpec openR1 =
        TestSpecParser.parse(
            Map.of(
                "tests",
                List.of(Map.of("input", "1\n", "output", "1\n", "type", "stdin_stdout")),
                "compare",
                "NUMERIC"));
    assertThat(openR1.cases().get(0).stdin()).isEqualTo("1\n");
    assertThat(openR1.cases().get(0).expectedStdout()).isEqualTo("1\n");
    assertThat(openR1.comparison()).isEqualTo(Comparison.FLOAT);
    TestSpec humanEval =
        TestSpecParser.parse(Map.of("test", "assert f(1) == 2", "tests", List.of()));
    assertThat(humanEval.kind()).isEqualTo(TestSpec.Kind.ASSERT);
    assertThat(
            TestSpecParser.parse(
                    Map.of("assert", List.of("assert f(1) == 2"), "test", "assert f(2) == 3"))
                .snippets())
        .containsExactly("assert f(1) == 2");
    TestSpec run = TestSpecParser.parse(Map.of("run", true, "stdin", "x", "prompt_id", 7));
    assertThat(run.kind()).isEqualTo(TestSpec.Kind.RUN);
    assertThat(run.cases().get(0).stdin()).isEqualTo("x");
    assertThat(Comparison.parse("Lines")).isEqualTo(Comparison.WHITESPACE);
  }

  @Test
  void options_bindWithAliasesDefaultsAndTheServiceCeilings() {
    CodeDefaults d = CodeDefaults.standard();
    CodeOptions none = CodeOptions.parse(Map.of(), d);
    assertThat(none.reward()).isEqualTo(RewardMode.FRACTION);
    assertThat(none.pick()).isEqualTo(Pick.LAST);
    assertThat(none.runTimeout()).isEqualTo(d.runTimeout());
    assertThat(none.compileErrorReward()).isEqualTo(d.compileErrorReward());
    CodeOptions set =
        CodeOptions.parse(
            Map.of(
                "reward",
                "Stop_On_Failure",
                "extract",
                "RAW",
                "compare",
                "tolerance",
                "run_timeout_s",
                1.5,
                "memory_mb",
                64,
                "compile_error_reward",
                -1),
            d);
    assertThat(set.reward()).isEqualTo(RewardMode.FAIL_FAST);
    assertThat(set.pick()).isEqualTo(Pick.RAW);
    assertThat(set.comparison()).isEqualTo(Comparison.FLOAT);
    assertThat(set.runTimeout()).isEqualTo(java.time.Duration.ofMillis(1500));
    assertThat(set.memoryBytes()).isEqualTo(64L << 20);
    assertThat(set.compileErrorReward()).isEqualTo(-1.0);
    assertThatThrownBy(() -> CodeOptions.parse(Map.of("run_timeout_s", 31), d))
        .hasMessage("options.run_timeout_s must be a number in (0, 30], got 31.0");
    assertThatThrownBy(() -> CodeOptions.parse(Map.of("memory_mb", 8), d))
        .hasMessage("options.memory_mb must be a number in [16, 2048], got 8.0");
    assertThatThrownBy(() -> CodeOptions.parse(Map.of("reward", "best"), d))
        .hasMessage("options.reward must be one of fraction, all, fail_fast, got best");
    assertThatThrownBy(() -> CodeOptions.parse(Map.of("run_timeout", 3), d))
        .isInstanceOf(InvalidItemException.class)
        .hasMessageStartingWith("unknown option 'run_timeout'");
    assertThatThrownBy(() -> CodeOptions.parse(Map.of("run_timeout_s", "3"), d))
        .hasMessage("options.run_timeout_s must be a number, got 3");
  }

  @Test
  @SuppressWarnings("unchecked")
  void schemas_publishTheBoundFieldsAndTheServiceCeilings() {
    Map<String, Object> options = CodeOptions.schema(CodeDefaults.standard());
    assertThat(options).containsEntry("additionalProperties", false);
    Map<String, Object> props = (Map<String, Object>) options.get("properties");
    assertThat(props)
        .containsOnlyKeys(
            "language",
            "reward",
            "run_timeout_s",
            "memory_mb",
            "compare",
            "float_tolerance",
            "extract",
            "compile_error_reward",
            "no_code_reward");
    assertThat((Map<String, Object>) props.get("run_timeout_s"))
        .containsEntry("exclusiveMinimum", 0)
        .containsEntry("maximum", 30L);
    assertThat((Map<String, Object>) props.get("memory_mb"))
        .containsEntry("minimum", 16L)
        .containsEntry("maximum", 2048L);
    assertThat((Map<String, Object>) props.get("reward"))
        .containsEntry("enum", List.of("fraction", "all", "fail_fast"))
        .containsEntry("default", "fraction");
    Map<String, Object> reference = TestSpecParser.schema();
    assertThat(reference).doesNotContainKey("additionalProperties");
    assertThat((Map<String, Object>) reference.get("properties"))
        .containsKeys("assert", "entry_point", "fn_name", "cases", "tests", "inputs", "run");
  }
}
