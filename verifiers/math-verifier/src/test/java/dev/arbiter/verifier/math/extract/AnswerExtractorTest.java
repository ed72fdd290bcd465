package dev.arbiter.verifier.math.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.verifier.math.extract.ExtractionConfig.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

  private final AnswerExtractor extractor = new AnswerExtractor();
  private final ExtractionConfig latexAndExpr =
      new ExtractionConfig(
          List.of(Target.LATEX, Target.EXPR),
          50,
          true,
          false,
          ExtractionConfig.DEFAULT_CHOICES,
          true,
          true,
          true);

  private String best(String response) {
    return extractor.candidates(response, latexAndExpr).get(0).text();
  }

  @Test
  void candidates_longInlineMathSpanDoesNotOverflowTheStack() {
    String span = "1+".repeat(30_000) + "1";
    assertThat(best("so $" + span + "$ is it")).isEqualTo(span);
    String display = "x+".repeat(30_000) + "x";
    assertThat(best("\\[" + display + "\\]")).isEqualTo(display);
  }

  @Test
  void candidates_escapedDollarStaysInsideTheSpan() {
    assertThat(best("the price is $\\$5$")).isEqualTo("\\$5");
  }

  @Test
  void candidates_bareLatexAtTheEndIsOneCandidate() {
    assertThat(best("So the answer is \\frac{\\sqrt{3}}{2}.")).isEqualTo("\\frac{\\sqrt{3}}{2}");
    assertThat(best("Therefore x = 2\\sqrt{3}")).isEqualTo("x = 2\\sqrt{3}");
  }

  @Test
  void candidates_bareTailWithProseOrUnknownCommandIsNotLatex() {
    assertThat(best("The answer is 36 \\checkmark")).isEqualTo("36");
    assertThat(best("we get \\frac{1}{2} of the apples")).isEqualTo("\\frac{1}{2}");
  }

  @Test
  void candidates_mixedNumberAndEquationKeepTheirForm() {
    assertThat(best("The answer is 3 1/2.")).isEqualTo("3 1/2");
    assertThat(best("The answer is 3 5/2.")).isEqualTo("3");
    assertThat(best("So the line is 3x + 4y + 14 = 0.")).isEqualTo("3x + 4y + 14 = 0");
    assertThat(best("so x = 3.")).isEqualTo("3");
  }
}
