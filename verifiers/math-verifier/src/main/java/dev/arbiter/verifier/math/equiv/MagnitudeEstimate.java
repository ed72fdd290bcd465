package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Abs;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Binomial;
import dev.arbiter.verifier.math.ast.Expr.Constant;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Factorial;
import dev.arbiter.verifier.math.ast.Expr.Func;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Percent;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.ast.Expr.Root;
import java.math.BigDecimal;
import java.util.List;

/**
 * An upper bound, in bits, on the size of the exact value of a constant expression: {@code
 * log2(max(|numerator|, |denominator|))} of the rational it would take to compute it naively,
 * intermediate results included. Computed in doubles from the tree alone, in time linear in its
 * size, so that a bomb ({@code 2^{999 \cdot 999 \cdot 999}}, {@code \binom{10^9}{5 \cdot 10^8}},
 * {@code 10^{10^{10}}}) is recognized before anything is computed. {@code +Infinity} means "too
 * large to say"; {@code NaN} means the expression is not a constant (it has variables or parts with
 * no value, such as sets).
 */
final class MagnitudeEstimate {

  private static final double LOG2_10 = Math.log(10) / Math.log(2);

  /** Constants with a value but no rational size (π, e, i, ∞) count as this many bits. */
  private static final double CONSTANT_BITS = 2;

  private MagnitudeEstimate() {}

  /** The bound in bits, {@code +Infinity} when astronomically large, {@code NaN} when unknown. */
  static double bits(Expr e) {
    WorkBudget.check();
    if (e instanceof Num n) {
      return literalBits(n.value());
    } else if (e instanceof Constant) {
      return CONSTANT_BITS;
    } else if (e instanceof Neg n) {
      return bits(n.operand());
    } else if (e instanceof Abs a) {
      return bits(a.operand());
    } else if (e instanceof Percent p) {
      return bits(p.operand()) + 7;
    } else if (e instanceof Add a) {
      return sum(a.terms());
    } else if (e instanceof Mul m) {
      return sum(m.factors());
    } else if (e instanceof Div d) {
      return bits(d.numerator()) + bits(d.denominator()) + 1;
    } else if (e instanceof Pow p) {
      return power(bits(p.base()), bits(p.exponent()));
    } else if (e instanceof Root r) {
      return bits(r.radicand()) + bits(r.index());
    } else if (e instanceof Factorial f) {
      return factorial(bits(f.operand()));
    } else if (e instanceof Binomial b) {
      return binomial(bits(b.n()), bits(b.k()));
    } else if (e instanceof Func f) {
      return sum(f.args()) + 2;
    }
    return Double.NaN;
  }

  /**
   * An upper bound of {@code |value|} of a constant expression: exact for a literal, {@code 2^bits}
   * otherwise; {@code NaN} when unknown.
   */
  static double absBound(Expr e) {
    if (e instanceof Num n) {
      return n.value().abs().doubleValue();
    } else if (e instanceof Neg n) {
      return absBound(n.operand());
    }
    return Math.pow(2, bits(e));
  }

  static double literalBits(BigDecimal v) {
    BigDecimal a = v.abs();
    if (a.signum() == 0) {
      return 0;
    }
    double unscaled = a.unscaledValue().bitLength();
    return unscaled + Math.abs((double) a.scale()) * LOG2_10;
  }

  private static double sum(List<Expr> parts) {
    double total = 0;
    for (Expr p : parts) {
      total += bits(p) + 1;
    }
    return total;
  }

  /** {@code b^e}: the base's size times the exponent's largest value (a tower overflows to ∞). */
  private static double power(double baseBits, double exponentBits) {
    if (Double.isNaN(baseBits) || Double.isNaN(exponentBits)) {
      return Double.NaN;
    }
    double exponent = Math.pow(2, exponentBits);
    return Math.max(baseBits, 1) * Math.max(exponent, 1) + exponentBits;
  }

  /** {@code n! <= n^n}: n log2 n bits for the largest n of the operand's size. */
  private static double factorial(double operandBits) {
    if (Double.isNaN(operandBits)) {
      return Double.NaN;
    }
    double n = Math.pow(2, operandBits);
    return Math.max(n, 1) * Math.max(operandBits, 1);
  }

  /** {@code C(n, k) <= min(2^n, n^k)}. */
  private static double binomial(double nBits, double kBits) {
    if (Double.isNaN(nBits) || Double.isNaN(kBits)) {
      return Double.NaN;
    }
    double n = Math.pow(2, nBits);
    double k = Math.pow(2, kBits);
    return Math.min(Math.max(n, 1), Math.max(k, 1) * Math.max(nBits, 1)) + nBits + kBits;
  }
}
