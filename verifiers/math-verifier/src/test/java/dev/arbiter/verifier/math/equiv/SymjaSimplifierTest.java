package dev.arbiter.verifier.math.equiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.extract.LatexNormalizer;
import dev.arbiter.verifier.math.parse.LatexAnswerParser;
import org.junit.jupiter.api.Test;

class SymjaSimplifierTest {

  private static final SymjaSimplifier SYMJA = new SymjaSimplifier();
  private final LatexAnswerParser parser = new LatexAnswerParser(20_000, 100);
  private final LatexNormalizer normalizer = new LatexNormalizer(true, true);

  private Expr parse(String latex) throws Exception {
    return parser.parse(normalizer.normalize(latex), false);
  }

  @Test
  void isZeroDifference_provesIdentities() throws Exception {
    assertThat(SYMJA.isZeroDifference(parse("\\sin^2 x + \\cos^2 x"), parse("1"))).isTrue();
    assertThat(SYMJA.isZeroDifference(parse("(x+1)^2"), parse("x^2+2x+1"))).isTrue();
    assertThat(SYMJA.isZeroDifference(parse("\\sum_{k=1}^{n} k"), parse("\\frac{n(n+1)}{2}")))
        .isTrue();
  }

  @Test
  void isZeroDifference_rejectsDifferentExpressions() throws Exception {
    assertThat(SYMJA.isZeroDifference(parse("\\sum_{k=1}^{n} k"), parse("\\frac{n(n-1)}{2}")))
        .isFalse();
    assertThat(SYMJA.isZeroDifference(parse("x"), parse("x+1"))).isFalse();
  }

  @Test
  void isZeroDifference_refusesBombsBeforeTheCas() throws Exception {
    assertThat(SYMJA.isZeroDifference(parse("10^{10^{10^{10}}}"), parse("1"))).isNull();
    assertThat(SYMJA.isZeroDifference(parse("1000000000!"), parse("1"))).isNull();
    assertThat(SYMJA.isZeroDifference(parse("x^{100000}"), parse("1"))).isNull();
  }

  @Test
  void isZeroDifference_refusesHiddenMagnitudesBeforeTheCas() throws Exception {
    String[] bombs = {
      "2^{999 \\cdot 999 \\cdot 999}",
      "x^{999 \\cdot 999}",
      "\\binom{1000000000}{500000000}",
      "\\binom{x}{100000}",
      "(1000!)^{1000}",
      "\\frac{1}{1000!}",
      "(2+3)^{10^{5}}",
      "\\prod_{k=1}^{1000000000} k",
      "\\sum_{k=1}^{10^{10}} k^2",
      "9".repeat(1000) + " x"
    };
    for (String bomb : bombs) {
      assertThat(SymjaSimplifier.withinGuards(parse(bomb), 0, new int[1])).as(bomb).isFalse();
      assertThat(SYMJA.isZeroDifference(parse(bomb), parse("1"))).as(bomb).isNull();
    }
    assertThat(
            SymjaSimplifier.withinGuards(
                parse("\\binom{100}{50} + 100! + x^{1000}"), 0, new int[1]))
        .isTrue();
    assertThat(SymjaSimplifier.withinGuards(parse("\\sum_{k=1}^{n} k^{2}"), 0, new int[1]))
        .isTrue();
  }

  @Test
  void isZeroDifference_onInterruptedThreadAnswersExceeded() throws Exception {
    Expr a = parse("\\sin^2 x + \\cos^2 x");
    Expr b = parse("1");
    SYMJA.warmUp();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> SYMJA.isZeroDifference(a, b))
          .isInstanceOf(WorkBudget.Exceeded.class);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void checker_usesSymjaWhereNumbersCannotDecide() throws Exception {
    EquivalenceChecker checker = new EquivalenceChecker(SYMJA);
    Verdict v =
        checker.compare(
            parse("\\frac{n(n+1)}{2}"), parse("\\sum_{k=1}^{n} k"), ComparisonOptions.defaults());
    assertThat(v.equal()).isTrue();
    assertThat(v.reason()).contains("Symja");
    Verdict none =
        new EquivalenceChecker(SymbolicSimplifier.NONE)
            .compare(
                parse("\\frac{n(n+1)}{2}"),
                parse("\\sum_{k=1}^{n} k"),
                ComparisonOptions.defaults());
    assertThat(none.equal()).isFalse();
  }
}
