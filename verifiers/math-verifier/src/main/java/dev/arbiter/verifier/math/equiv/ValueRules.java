package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Constant;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Percent;
import dev.arbiter.verifier.math.ast.Expr.Ratio;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import dev.arbiter.verifier.math.ast.Expr.Text;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Values and words. Identities are folded by form first ({@link IdentityFolder}); then exact
 * rational arithmetic, rounding when a decimal literal is present, complex double evaluation
 * (constants; or a numeric identity test at seeded points with variables), and Symja last.
 */
final class ValueRules {

  private static final double REL_TOLERANCE = 1e-9;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final SubComparison whole;
  private final SymbolicSimplifier simplifier;

  ValueRules(SubComparison whole, SymbolicSimplifier simplifier) {
    this.whole = whole;
    this.simplifier = simplifier;
  }

  /** The answer as a word when it is text or a product of letters ($odd$ is o·d·d), else null. */
  static String word(Expr e) {
    if (e instanceof Text t) {
      return t.text().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    } else if (e instanceof Sym s) {
      return s.name().toLowerCase(Locale.ROOT);
    } else if (e == Constant.E) {
      return "e";
    } else if (e == Constant.I) {
      return "i";
    } else if (e instanceof Mul m) {
      StringBuilder sb = new StringBuilder();
      for (Expr f : m.factors()) {
        String w = f instanceof Mul ? null : word(f);
        if (w == null || f instanceof Text) {
          return null;
        }
        sb.append(w);
      }
      return sb.toString();
    }
    return null;
  }

  Verdict compare(Expr goldIn, Expr predIn, ComparisonOptions o) {
    Integer goldInfinity = infinity(goldIn);
    Integer predInfinity = infinity(predIn);
    if (goldInfinity != null || predInfinity != null) {
      return Objects.equals(goldInfinity, predInfinity)
          ? Verdict.yes("the same infinity")
          : Verdict.no("infinity against a different value");
    }
    if (ExprTrees.contains(goldIn, Constant.INFINITY)
        || ExprTrees.contains(predIn, Constant.INFINITY)) {
      // No evaluator gives ∞ - ∞ or 0·∞ a value, and Symja can take seconds on them.
      return Verdict.no("an expression with infinity is not compared by value");
    }
    Expr gold = IdentityFolder.fold(goldIn);
    Expr pred = IdentityFolder.fold(predIn);
    if (gold instanceof Percent || pred instanceof Percent) {
      return comparePercent(gold, pred, o);
    }
    if (gold instanceof Ratio gr
        && pred instanceof Ratio pr
        && whole.verdict(gr.left(), pr.left(), o).equal()
        && whole.verdict(gr.right(), pr.right(), o).equal()) {
      return Verdict.yes("same ratio");
    }
    boolean floats = ExprTrees.hasDecimal(gold) || ExprTrees.hasDecimal(pred);
    Rational eg = ExactEvaluator.eval(gold);
    Rational ep = ExactEvaluator.eval(pred);
    if (eg != null && ep != null) {
      if (!floats) {
        return eg.equals(ep)
            ? Verdict.yes("exactly equal (" + eg + ")")
            : Verdict.no("different values (" + eg + " vs " + ep + ")");
      }
      BigDecimal rg = eg.toBigDecimal(60).setScale(o.floatRounding(), RoundingMode.HALF_EVEN);
      BigDecimal rp = ep.toBigDecimal(60).setScale(o.floatRounding(), RoundingMode.HALF_EVEN);
      return rg.compareTo(rp) == 0
          ? Verdict.yes("numerically equal after rounding to " + o.floatRounding() + " places")
          : Verdict.no("different after rounding to " + o.floatRounding() + " places");
    }
    Verdict huge = PrimePowerComparator.compare(gold, pred, floats);
    if (huge != null) {
      return huge;
    }
    Set<String> vars = ExprTrees.freeSymbols(gold);
    ExprTrees.freeSymbols(pred, vars);
    Verdict numeric =
        vars.isEmpty()
            ? compareConstants(gold, pred, floats, o)
            : compareFunctions(gold, pred, vars, floats, o);
    if (numeric != null) {
      return numeric;
    }
    if (o.symbolicFallback() && simplifier.available()) {
      Boolean zero = simplifier.isZeroDifference(gold, pred);
      if (zero != null) {
        return zero
            ? Verdict.yes("symbolically equal (Symja)")
            : Verdict.no("not symbolically equal (Symja)");
      }
    }
    return Verdict.no("not equal (no numeric or symbolic proof)");
  }

  /** +1 for {@code \infty}, -1 for {@code -\infty} (interval ends), else null. */
  private static Integer infinity(Expr e) {
    if (e == Constant.INFINITY) {
      return 1;
    }
    return e instanceof Neg n && n.operand() == Constant.INFINITY ? -1 : null;
  }

  /**
   * {@code x\%} against a value, by {@link ComparisonOptions.PercentPolicy}: x/100 always; x too
   * under {@code EITHER}; only x under {@code NUMBER}. Two percentages compare their numbers.
   */
  private Verdict comparePercent(Expr gold, Expr pred, ComparisonOptions o) {
    Expr g = gold instanceof Percent x ? x.operand() : gold;
    Expr p = pred instanceof Percent x ? x.operand() : pred;
    ComparisonOptions.PercentPolicy policy = o.percent();
    boolean both = gold instanceof Percent && pred instanceof Percent;
    if (both || policy != ComparisonOptions.PercentPolicy.FRACTION) {
      Verdict plain = compare(g, p, o);
      if (plain.equal() || both || policy == ComparisonOptions.PercentPolicy.NUMBER) {
        return plain;
      }
    }
    return compare(
        gold instanceof Percent ? new Div(g, new Num(HUNDRED, false)) : g,
        pred instanceof Percent ? new Div(p, new Num(HUNDRED, false)) : p,
        o);
  }

  private static Verdict compareConstants(
      Expr gold, Expr pred, boolean floats, ComparisonOptions o) {
    Complex[] values = NumericProbe.evalBoth(gold, pred, java.util.Map.of());
    if (values == null) {
      return null;
    }
    Complex a = values[0];
    Complex b = values[1];
    if (!a.isFinite() || !b.isFinite()) {
      return null;
    }
    if (floats) {
      boolean same = round(a.re(), o) == round(b.re(), o) && round(a.im(), o) == round(b.im(), o);
      return same
          ? Verdict.yes("numerically equal after rounding to " + o.floatRounding() + " places")
          : Verdict.no("different after rounding to " + o.floatRounding() + " places");
    }
    if (StructuralFacts.nonZero(gold) && StructuralFacts.nonZero(pred)) {
      return compareNonZero(a, b);
    }
    double scale = Math.max(1, Math.max(a.abs(), b.abs()));
    return a.sub(b).abs() <= REL_TOLERANCE * scale
        ? Verdict.yes("numerically equal (relative error below 1e-9)")
        : Verdict.no("different values (" + shortValue(a) + " vs " + shortValue(b) + ")");
  }

  /**
   * Both sides are provably nonzero, so a tiny value is real, not rounding noise: compare relative
   * to the values themselves ({@code e^{-50}} is not {@code e^{-60}}), and a value that underflowed
   * to 0 decides nothing ({@code 1/2004!} against {@code 1/2006!}).
   */
  private static Verdict compareNonZero(Complex a, Complex b) {
    if (a.abs() < Double.MIN_NORMAL || b.abs() < Double.MIN_NORMAL) {
      return null;
    }
    return a.sub(b).abs() <= REL_TOLERANCE * Math.max(a.abs(), b.abs())
        ? Verdict.yes("numerically equal (relative error below 1e-9)")
        : Verdict.no("different values (" + shortValue(a) + " vs " + shortValue(b) + ")");
  }

  private static String shortValue(Complex c) {
    String re = BigDecimal.valueOf(c.re()).round(new MathContext(10)).toPlainString();
    return c.isReal()
        ? re
        : re + " + " + BigDecimal.valueOf(c.im()).round(new MathContext(10)).toPlainString() + "i";
  }

  private static double round(double x, ComparisonOptions o) {
    return BigDecimal.valueOf(x).setScale(o.floatRounding(), RoundingMode.HALF_EVEN).doubleValue();
  }

  private static Verdict compareFunctions(
      Expr gold, Expr pred, Set<String> vars, boolean floats, ComparisonOptions o) {
    double tolerance =
        floats ? Math.max(REL_TOLERANCE, Math.pow(10, -o.floatRounding())) : REL_TOLERANCE;
    int agreeing = 0;
    for (int k = 0; k < NumericProbe.POINTS; k++) {
      Complex[] values = NumericProbe.evalBoth(gold, pred, NumericProbe.point(vars, k));
      if (values == null) {
        return null;
      }
      Complex a = values[0];
      Complex b = values[1];
      if (!a.isFinite() || !b.isFinite()) {
        continue;
      }
      double scale = Math.max(1, Math.max(a.abs(), b.abs()));
      if (a.sub(b).abs() > tolerance * scale) {
        return Verdict.no("different functions of " + String.join(", ", vars));
      }
      agreeing++;
    }
    return agreeing >= 3
        ? Verdict.yes(
            "equal as functions of " + String.join(", ", vars) + " (numeric identity test)")
        : null;
  }
}
