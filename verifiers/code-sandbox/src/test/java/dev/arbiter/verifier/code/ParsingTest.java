package dev.arbiter.verifier.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        .hasMessageContaining("reference has no tests");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("tests", List.of())))
        .hasMessageContaining("empty list of tests");
    assertThatThrownBy(
            () -> TestSpecParser.parse(Map.of("inputs", List.of("1"), "outputs", List.of())))
        .hasMessageContaining("'inputs' has 1 entries but 'outputs' has 0");
    assertThatThrownBy(
            () -> TestSpecParser.parse(Map.of("fn_name", "os.system", "cases", List.of())))
        .hasMessageContaining("identifier");
    assertThatThrownBy(() -> TestSpecParser.parse(Map.of("tests", List.of(Map.of("stdin", "1")))))
        .hasMessageContaining("expected 'stdout'");
  }
}
