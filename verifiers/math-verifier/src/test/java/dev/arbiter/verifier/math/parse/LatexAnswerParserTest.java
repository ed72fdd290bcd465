package dev.arbiter.verifier.math.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.extract.LatexNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatexAnswerParserTest {

  private final LatexAnswerParser parser = new LatexAnswerParser(20_000, 100);
  private final LatexNormalizer normalizer = new LatexNormalizer(true, true);

  private String canonical(String latex) throws Exception {
    return CanonicalPrinter.print(parser.parse(normalizer.normalize(latex), false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\\dfrac{1}{2}|\\frac{1}{2}",
        "\\frac12|\\frac{1}{2}",
        "3\\sqrt3|(3 \\cdot \\sqrt[2]{3})",
        "\\left( \\frac{1}{3} \\right)|\\frac{1}{3}",
        "[0, 1)|[0, 1)",
        "(1, 2)|(1, 2)",
        "\\{3, 1\\}|\\{1, 3\\}",
        "(-\\infty, 2] \\cup (3, \\infty)|(-\\infty, 2] \\cup (3, \\infty)",
        "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}|\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix}",
        "5!|{5}!",
        "\\binom{5}{2}|\\binom{5}{2}",
        "\\sin^2 x|{\\sin(x)}^{2}",
        "\\log_2 8|\\log(8, 2)",
        "1 \\pm \\sqrt{19}|1 \\pm \\sqrt[2]{19}",
        "x \\le 5|x <= 5",
        "a < x \\leq b|a < x <= b",
        "90^\\circ|90",
        "14{,}916|14916",
        "\\text{Evelyn}|\\text{Evelyn}",
        "28\\%|28\\%",
        "\\$10|10",
        "x_{1}|x_1",
        "10\\text{ units}|10",
      })
  void parse_normalizesToCanonicalForm(String latex, String expected) throws Exception {
    assertThat(canonical(latex)).isEqualTo(expected);
  }

  @Test
  void parse_rejectsMalformedAndOverLimitInput() {
    assertThatThrownBy(() -> parser.parse("\\frac{", false))
        .isInstanceOf(LatexAnswerParser.ParseFailure.class);
    assertThatThrownBy(() -> parser.parse("\\sqrt{".repeat(1000) + "2" + "}".repeat(1000), false))
        .hasMessageContaining("nested deeper");
    assertThatThrownBy(() -> parser.parse("\\zzz", false)).hasMessageContaining("unknown command");
  }

  @Test
  void parse_redundantGroupingOfAnyDepthIsUnwrapped() throws Exception {
    assertThat(canonical("{".repeat(3000) + "1" + "}".repeat(3000))).isEqualTo("1");
    assertThat(canonical("(".repeat(3000) + "x+1" + ")".repeat(3000))).isEqualTo("(1 + x)");
    assertThat(canonical("\\frac{" + "{".repeat(500) + "1" + "}".repeat(500) + "}{2}"))
        .isEqualTo("\\frac{1}{2}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "3\\frac{1}{2}|(3 + \\frac{1}{2})",
        "-2\\frac{3}{4}|-(2 + \\frac{3}{4})",
        "3 1/2|(3 + \\frac{1}{2})",
        "3\\frac{5}{2}|(3 \\cdot \\frac{5}{2})",
        "3 \\cdot \\frac{1}{2}|(3 \\cdot \\frac{1}{2})",
        "(3)\\frac{1}{2}|(3 \\cdot \\frac{1}{2})",
        "2\\frac{1}{3}x|(2 \\cdot \\frac{1}{3} \\cdot x)",
        "1.5\\frac{1}{2}|(1.5 \\cdot \\frac{1}{2})",
      })
  void parse_mixedNumberOnlyByForm(String latex, String expected) throws Exception {
    assertThat(canonical(latex)).isEqualTo(expected);
  }

  @Test
  void parse_setBuilderAndDisjunctionAreKeptForTheComparison() throws Exception {
    assertThat(canonical("\\{x \\mid x > 2\\}")).isEqualTo("\\setbuilder(x, x > 2)");
    assertThat(canonical("\\{x : x > 2\\}")).isEqualTo("\\setbuilder(x, x > 2)");
    assertThat(canonical("x < -1 \\lor x > 2")).isEqualTo("\\or(x < -1, x > 2)");
    assertThat(parser.parse("1 \\lor 2", false)).isInstanceOf(Expr.SetOf.class);
  }

  @Test
  void parse_bareListIsSetOrTupleByOption() throws Exception {
    assertThat(parser.parse("10, 4, -2", false)).isInstanceOf(Expr.SetOf.class);
    assertThat(parser.parse("10, 4, -2", true)).isInstanceOf(Expr.Tuple.class);
  }
}
