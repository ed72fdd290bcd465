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
import java.util.function.BinaryOperator;

/**
 * Evaluates constant rational expressions exactly with {@link Rational}, or answers null when the
 * expression is not a rational constant or would exceed the size guards (a bomb like {@code
 * 10^{10^{10}}} or {@code 1000000000!} is refused in microseconds, never computed).
 */
final class ExactEvaluator {

  static final int MAX_BITS = 4096;
  static final int MAX_FACTORIAL = 300;

  private ExactEvaluator() {}

  /** The exact value, or null. */
  static Rational eval(Expr e) {
    try {
      return value(e);
    } catch (ArithmeticException ex) {
      return null;
    }
  }

  private static Rational value(Expr e) {
    if (Thread.currentThread().isInterrupted()) {
      throw new ArithmeticException("interrupted");
    }
    if (e instanceof Num n) {
      return Rational.of(n.value());
    } else if (e instanceof Neg n) {
      Rational v = value(n.operand());
      return v == null ? null : v.negate();
    } else if (e instanceof Add a) {
      return fold(a.terms(), Rational.ZERO, Rational::add);
    } else if (e instanceof Mul m) {
      return fold(m.factors(), Rational.ONE, Rational::multiply);
    } else if (e instanceof Div d) {
      Rational a = value(d.numerator());
      Rational b = value(d.denominator());
      return a == null || b == null ? null : guard(a.divide(b));
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
      Rational n = value(b.n());
      Rational k = value(b.k());
      if (n == null
          || k == null
          || !n.isInteger()
          || !k.isInteger()
          || n.num().bitLength() > 31
          || n.num().intValue() > MAX_FACTORIAL
          || k.num().signum() < 0) {
        return null;
      }
      int ni = n.num().intValue();
      int ki = k.num().intValue();
      if (ki > ni || ni < 0) {
        return Rational.ZERO;
      }
      return new Rational(
          factorial(ni).divide(factorial(ki).multiply(factorial(ni - ki))), BigInteger.ONE);
    }
    return null;
  }

  private static Rational fold(
      List<Expr> parts, Rational identity, BinaryOperator<Rational> combine) {
    Rational acc = identity;
    for (Expr part : parts) {
      Rational v = value(part);
      if (v == null) {
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
    if (bits > MAX_BITS) {
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
    return bits > MAX_BITS ? null : root.pow(power.intValue());
  }

  private static BigInteger exactRoot(BigInteger n, int k) {
    if (k <= 0 || n.bitLength() > MAX_BITS) {
      return null;
    }
    BigInteger r = k == 2 ? n.sqrt() : nthRoot(n, k);
    return r.pow(k).equals(n) ? r : null;
  }

  private static BigInteger nthRoot(BigInteger n, int k) {
    BigInteger lo = BigInteger.ZERO;
    BigInteger hi = BigInteger.ONE.shiftLeft(n.bitLength() / k + 1);
    while (lo.compareTo(hi) < 0) {
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
      f = f.multiply(BigInteger.valueOf(i));
    }
    return f;
  }
}
