package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Binomial;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Factorial;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.ast.Expr.Root;
import java.math.BigInteger;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.BinaryOperator;

/**
 * Evaluates constant rational expressions exactly with {@link Rational}, or answers null when the
 * expression is not a rational constant or would exceed the size guards. Every operation is sized
 * before it runs (a bomb like {@code 10^{10^{10}}}, {@code 2^{999 \cdot 999 \cdot 999}}, {@code
 * 1000000000!} or {@code \binom{10^9}{5 \cdot 10^8}} is refused in microseconds, never computed),
 * so no single step takes long, and every node checks the {@link WorkBudget}.
 */
final class ExactEvaluator {

  /**
   * The largest value computed, in bits: every integer literal of an answer the parser accepts
   * (20,000 digits) fits, and one product of numbers this size takes milliseconds. Fractions are
   * held smaller ({@link Rational#MAX_GCD_BITS}): reducing them costs a gcd, quadratic in size.
   */
  static final int MAX_BITS = 70_000;

  static final int MAX_FACTORIAL = 300;

  /** Exact roots are found by bisection, one power per bit: only of numbers this small. */
  private static final int MAX_ROOT_BITS = 4096;

  private ExactEvaluator() {}

  /**
   * The exact value, or null.
   *
   * @throws WorkBudget.Exceeded when the item's budget ends or its thread is interrupted
   */
  static Rational eval(Expr e) {
    try {
      return value(e);
    } catch (ArithmeticException ex) {
      return null;
    }
  }

  private static Rational value(Expr e) {
    WorkBudget.check();
    if (e instanceof Num n) {
      double bits = MagnitudeEstimate.literalBits(n.value());
      boolean fraction = n.value().stripTrailingZeros().scale() > 0;
      if (bits > MAX_BITS || (fraction && bits > Rational.MAX_GCD_BITS)) {
        return null;
      }
      return Rational.of(n.value());
    } else if (e instanceof Neg n) {
      Rational v = value(n.operand());
      return v == null ? null : v.negate();
    } else if (e instanceof Add a) {
      return fold(a.terms(), Rational.ZERO, Rational::canAdd, Rational::add);
    } else if (e instanceof Mul m) {
      return fold(m.factors(), Rational.ONE, Rational::canMultiply, Rational::multiply);
    } else if (e instanceof Div d) {
      Rational a = value(d.numerator());
      Rational b = value(d.denominator());
      return a == null || b == null || !a.canDivide(b) ? null : guard(a.divide(b));
    } else if (e instanceof Pow p) {
      return power(p);
    } else if (e instanceof Root r) {
      return root(r);
    } else if (e instanceof Factorial f) {
      Rational v = value(f.operand());
      if (v == null
          || !v.isInteger()
          || v.num().signum() < 0
          || v.num().intValue() > MAX_FACTORIAL
          || v.num().bitLength() > 31) {
        return null;
      }
      return new Rational(factorial(v.num().intValue()), BigInteger.ONE);
    } else if (e instanceof Binomial b) {
      return binomial(value(b.n()), value(b.k()));
    }
    return null;
  }

  /**
   * {@code C(n, k)} by the multiplicative formula over the smaller of k and n - k, when its size
   * bound {@code min(k, n-k) * log2(n)} fits {@link #MAX_BITS}; so {@code \binom{1000}{2}} is
   * computed and {@code \binom{10^9}{5 \cdot 10^8}} is refused before any multiplication.
   */
  private static Rational binomial(Rational n, Rational k) {
    if (n == null
        || k == null
        || !n.isInteger()
        || !k.isInteger()
        || n.num().signum() < 0
        || k.num().signum() < 0) {
      return null;
    }
    if (k.num().compareTo(n.num()) > 0) {
      return Rational.ZERO;
    }
    BigInteger other = n.num().subtract(k.num());
    BigInteger small = k.num().min(other);
    if (small.bitLength() > 31
        || (double) small.longValue() * Math.max(1, n.num().bitLength()) > MAX_BITS) {
      return null;
    }
    BigInteger acc = BigInteger.ONE;
    for (int i = 1; i <= small.intValue(); i++) {
      WorkBudget.check();
      acc = acc.multiply(n.num().subtract(BigInteger.valueOf(i - 1))).divide(BigInteger.valueOf(i));
    }
    return new Rational(acc, BigInteger.ONE);
  }

  private static Rational fold(
      List<Expr> parts,
      Rational identity,
      BiPredicate<Rational, Rational> cheap,
      BinaryOperator<Rational> combine) {
    Rational acc = identity;
    for (Expr part : parts) {
      Rational v = value(part);
      if (v == null || !cheap.test(acc, v)) {
        return null;
      }
      acc = guard(combine.apply(acc, v));
    }
    return acc;
  }

  private static Rational power(Pow p) {
    Rational base = value(p.base());
    Rational exp = value(p.exponent());
    if (base == null || exp == null) {
      return null;
    }
    if (!exp.isInteger()) {
      return rootOf(base, exp.den(), exp.num());
    }
    if (exp.num().bitLength() > 31) {
      return trivialPower(base);
    }
    int n = exp.num().intValue();
    if (base.num().signum() == 0 && n < 0) {
      return null;
    }
    long bits = (long) base.bitLength() * Math.abs((long) n);
    if (bits > MAX_BITS || !base.canPow(n)) {
      return trivialPower(base);
    }
    return base.pow(n);
  }

  private static Rational trivialPower(Rational base) {
    if (base.num().signum() == 0 || base.equals(Rational.ONE)) {
      return base;
    }
    return null;
  }

  private static Rational root(Root r) {
    Rational radicand = value(r.radicand());
    Rational index = value(r.index());
    if (radicand == null || index == null || !index.isInteger()) {
      return null;
    }
    return rootOf(radicand, index.num(), BigInteger.ONE);
  }

  /** {@code base^(power/index)} when it is rational, else null. */
  private static Rational rootOf(Rational base, BigInteger index, BigInteger power) {
    if (index.bitLength() > 7 || base.num().signum() < 0 || power.bitLength() > 15) {
      return null;
    }
    int k = index.intValue();
    BigInteger rn = exactRoot(base.num(), k);
    BigInteger rd = exactRoot(base.den(), k);
    if (rn == null || rd == null) {
      return null;
    }
    Rational root = new Rational(rn, rd);
    long bits = (long) root.bitLength() * Math.abs(power.longValue());
    return bits > MAX_BITS || !root.canPow(power.intValue()) ? null : root.pow(power.intValue());
  }

  private static BigInteger exactRoot(BigInteger n, int k) {
    if (k <= 0 || n.bitLength() > MAX_ROOT_BITS) {
      return null;
    }
    BigInteger r = k == 2 ? n.sqrt() : nthRoot(n, k);
    return r.pow(k).equals(n) ? r : null;
  }

  private static BigInteger nthRoot(BigInteger n, int k) {
    BigInteger lo = BigInteger.ZERO;
    BigInteger hi = BigInteger.ONE.shiftLeft(n.bitLength() / k + 1);
    while (lo.compareTo(hi) < 0) {
      WorkBudget.check();
      BigInteger mid = lo.add(hi).add(BigInteger.ONE).shiftRight(1);
      if (mid.pow(k).compareTo(n) <= 0) {
        lo = mid;
      } else {
        hi = mid.subtract(BigInteger.ONE);
      }
    }
    return lo;
  }

  private static Rational guard(Rational r) {
    if (r.bitLength() > MAX_BITS) {
      throw new ArithmeticException("too large");
    }
    return r;
  }

  private static BigInteger factorial(int n) {
    BigInteger f = BigInteger.ONE;
    for (int i = 2; i <= n; i++) {
      WorkBudget.check();
      f = f.multiply(BigInteger.valueOf(i));
    }
    return f;
  }
}
