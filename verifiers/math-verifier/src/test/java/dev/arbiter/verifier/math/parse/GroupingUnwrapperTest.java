package dev.arbiter.verifier.math.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupingUnwrapperTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "((((1))))|(1)",
        "{{{1}}}|{1}",
        "'( ( 1 ) )'|' ( 1 ) '",
        "x^{{2}}|x^{2}",
        "((1, 2))|(1, 2)",
        "f((x))|f(x)",
      })
  void unwrap_dropsRedundantSameKindPairs(String in, String out) {
    assertThat(GroupingUnwrapper.unwrap(in)).isEqualTo(out);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[[1, 2]]",
        "\\{\\{1\\}\\}",
        "{(1, 2)}",
        "{{a}{b}}",
        "((1) + (2))",
        "\\frac{1}{2}",
        "((1)",
        "(1))",
      })
  void unwrap_keepsMeaningfulOrUnbalancedBrackets(String in) {
    assertThat(GroupingUnwrapper.unwrap(in)).isEqualTo(in);
  }

  @Test
  void unwrap_millionLevelsWithoutRecursion() {
    String deep = "(".repeat(1_000_000) + "1" + ")".repeat(1_000_000);
    assertThat(GroupingUnwrapper.unwrap(deep)).isEqualTo("(1)");
  }
}
