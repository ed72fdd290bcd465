package dev.arbiter.verifier.math.equiv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.verifier.math.extract.LatexNormalizer;
import dev.arbiter.verifier.math.parse.CanonicalPrinter;
import dev.arbiter.verifier.math.parse.LatexAnswerParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityFolderTest {

  private final LatexAnswerParser parser = new LatexAnswerParser(20_000, 100);
  private final LatexNormalizer normalizer = new LatexNormalizer(true, true);

  private String folded(String latex) throws Exception {
    return CanonicalPrinter.print(
        IdentityFolder.fold(parser.parse(normalizer.normalize(latex), false)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1000000000! - 1000000000!|0",
        "\\frac{1000000000!}{1000000000!}|1",
        "\\frac{2 \\cdot 1000000000!}{1000000000!}|2",
        "(10^{10^{10^{10}}})^0|1",
        "0 \\cdot 1000000000!|0",
        "3 \\cdot a - a - 2a + 7|7",
        "x - x|0",
        "e^{-50} - e^{-50}|0",
      })
  void fold_decidesIdentitiesByForm(String latex, String expected) throws Exception {
    assertThat(folded(latex)).isEqualTo(expected);
  }

  @Test
  void fold_zeroToTheZeroStaysUndecided() throws Exception {
    assertThat(folded("(1 - 1)^0")).isEqualTo("{0}^{0}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1000000000! - 999999999!",
        "\\infty - \\infty",
        "\\frac{0}{0}",
        "\\frac{x}{x}",
        "0 \\cdot \\infty",
        "0^0",
        "(x - 1)^0",
        "\\frac{1}{0} - \\frac{1}{0}",
      })
  void fold_leavesWhatItCannotProve(String latex) throws Exception {
    String before = CanonicalPrinter.print(parser.parse(normalizer.normalize(latex), false));
    assertThat(folded(latex)).isEqualTo(before);
  }
}
