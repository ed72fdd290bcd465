package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides equality of constants too large (or too small) to compute, such as {@code 10^{999999}}
 * against a {@code 1E+999999} literal or {@code 2^{999 \cdot 999 \cdot 999}} against {@code 5}, by
 * their exact structure: a value made of literals, products, quotients and integer powers is held
 * as {@code c · ∏ p^e} with a small rational c, small primes p and exponents e of any size, and two
 * such values are compared exactly without being expanded. Anything else (sums, roots, factorials
 * beyond the exact range) is left undecided, so this never says "equal" without a proof.
 */
final class PrimePowerComparator {

  /** Exponents stay below this size; {@code 10^{10^{10}}} has a 34-bit one. */
  private static final int MAX_EXPONENT_BITS = 4096;

  /** Bases are factored by trial division only when this small. */
  private static final long MAX_FACTORED_BASE = 1L << 32;

  private PrimePowerComparator() {}

  /** {@code coefficient · ∏ prime^exponent}; the map is sorted and has no zero exponents. */
  private record PrimePowers(Rational coefficient, Map<BigInteger, BigInteger> exponents) {

    boolean isZero() {
      return coefficient.num().signum() == 0;
    }
  }

  /**
   * The verdict when both sides have a prime-power form and at least one is outside the exact
   * range, else null. With decimal literals (rounded comparison), only exact equality is decided.
   */
  static Verdict compare(Expr gold, Expr pred, boolean rounded) {
    PrimePowers g = form(gold);
    if (g == null) {
      return null;
    }
    PrimePowers p = form(pred);
    if (p == null) {
      return null;
    }
    Boolean equal = equal(g, p);
    if (equal == null) {
      return null;
    }
    if (equal) {
      return Verdict.yes("exactly equal (compared as powers, too large to expand)");
    }
    return rounded
        ? null
        : Verdict.no("different values (compared as powers, too large to expand)");
  }

  /** Exact equality, or null when the forms cannot be compared within the size limits. */
  private static Boolean equal(PrimePowers a, PrimePowers b) {
    if (a.isZero() || b.isZero()) {
      return a.isZero() == b.isZero();
    }
    Map<BigInteger, BigInteger> difference = new TreeMap<>(a.exponents());
    b.exponents().forEach((prime, e) -> difference.merge(prime, e.negate(), BigInteger::add));
    difference.values().removeIf(e -> e.signum() == 0);
    // a = b  <=>  ∏ p^d = cb / ca. The right side in lowest terms has a numerator and a
    // denominator below 2^budget; ∏ p^d in lowest terms has p^|d| in one of them. Within the
    // budget, both sides are cross-multiplied as integers (no gcd).
    long budget = (long) a.coefficient().bitLength() * 2 + (long) b.coefficient().bitLength() * 2;
    BigInteger left = a.coefficient().num().multiply(b.coefficient().den());
    BigInteger right = b.coefficient().num().multiply(a.coefficient().den());
    for (Map.Entry<BigInteger, BigInteger> d : difference.entrySet()) {
      WorkBudget.check();
      BigInteger magnitude = d.getValue().abs();
      if (magnitude.bitLength() > 31
          || magnitude.longValue() * (d.getKey().bitLength() - 1) > budget) {
        return false;
      }
      BigInteger factor = d.getKey().pow(magnitude.intValue());
      if (d.getValue().signum() > 0) {
        left = left.multiply(factor);
      } else {
        right = right.multiply(factor);
      }
      if (Math.max(left.bitLength(), right.bitLength()) > 4L * ExactEvaluator.MAX_BITS) {
        return null;
      }
    }
    return left.equals(right);
  }

  /** The prime-power form of a constant, or null when it has none within the limits. */
  private static PrimePowers form(Expr e) {
    WorkBudget.check();
    if (e instanceof Num n) {
      return literal(n.value());
    } else if (e instanceof Neg n) {
      PrimePowers v = form(n.operand());
      return v == null ? null : new PrimePowers(v.coefficient().negate(), v.exponents());
    } else if (e instanceof Mul m) {
      PrimePowers acc = new PrimePowers(Rational.ONE, Map.of());
      for (Expr f : m.factors()) {
        PrimePowers v = form(f);
        acc = v == null ? null : times(acc, v, BigInteger.ONE);
        if (acc == null) {
          return null;
        }
      }
      return acc;
    } else if (e instanceof Div d) {
      PrimePowers a = form(d.numerator());
      PrimePowers b = form(d.denominator());
      if (a == null || b == null || b.isZero()) {
        return null;
      }
      return times(a, b, BigInteger.ONE.negate());
    } else if (e instanceof Pow p) {
      return power(p);
    }
    Rational exact = ExactEvaluator.eval(e);
    return exact == null ? null : new PrimePowers(exact, Map.of());
  }

  private static PrimePowers literal(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    if (s.unscaledValue().bitLength() > ExactEvaluator.MAX_BITS) {
      return null;
    }
    Rational c = new Rational(s.unscaledValue(), BigInteger.ONE);
    if (s.scale() == 0 || c.num().signum() == 0) {
      return new PrimePowers(c, Map.of());
    }
    BigInteger e = BigInteger.valueOf(-(long) s.scale());
    return new PrimePowers(c, Map.of(BigInteger.TWO, e, BigInteger.valueOf(5), e));
  }

  /** {@code a · b^sign}, or null when the coefficient grows past the exact range. */
  private static PrimePowers times(PrimePowers a, PrimePowers b, BigInteger sign) {
    boolean cheap =
        sign.signum() > 0
            ? a.coefficient().canMultiply(b.coefficient())
            : a.coefficient().canDivide(b.coefficient());
    if (!cheap) {
      return null;
    }
    Rational c =
        sign.signum() > 0
            ? a.coefficient().multiply(b.coefficient())
            : a.coefficient().divide(b.coefficient());
    if (c.bitLength() > ExactEvaluator.MAX_BITS) {
      return null;
    }
    Map<BigInteger, BigInteger> exponents = new TreeMap<>(a.exponents());
    b.exponents().forEach((prime, e) -> exponents.merge(prime, e.multiply(sign), BigInteger::add));
    exponents.values().removeIf(e -> e.signum() == 0);
    return new PrimePowers(c, exponents);
  }

  /** {@code base^n} for an integer n: the base's coefficient is factored when n is large. */
  private static PrimePowers power(Pow p) {
    Rational exponent = ExactEvaluator.eval(p.exponent());
    if (exponent == null || !exponent.isInteger()) {
      return null;
    }
    BigInteger n = exponent.num();
    PrimePowers base = form(p.base());
    if (base == null || n.bitLength() > MAX_EXPONENT_BITS) {
      return null;
    }
    if (base.isZero()) {
      return n.signum() > 0 ? base : null;
    }
    PrimePowers factored = factored(base);
    Rational c = factored.coefficient();
    Rational cn;
    if (c.equals(Rational.ONE) || n.signum() == 0) {
      cn = Rational.ONE;
    } else if (c.equals(Rational.ONE.negate())) {
      cn = n.testBit(0) ? c : Rational.ONE;
    } else if (n.bitLength() <= 31
        && (long) c.bitLength() * Math.abs(n.longValue()) <= ExactEvaluator.MAX_BITS
        && c.canPow(n.intValue())) {
      cn = c.pow(n.intValue());
    } else {
      return null;
    }
    Map<BigInteger, BigInteger> exponents = new TreeMap<>();
    factored.exponents().forEach((prime, e) -> exponents.put(prime, e.multiply(n)));
    exponents.values().removeIf(e -> e.signum() == 0);
    if (exponents.values().stream().anyMatch(e -> e.bitLength() > MAX_EXPONENT_BITS)) {
      return null;
    }
    return new PrimePowers(cn, exponents);
  }

  /** Moves the prime factors of a small coefficient into the exponents (sign stays behind). */
  private static PrimePowers factored(PrimePowers v) {
    Rational c = v.coefficient();
    BigInteger num = c.num().abs();
    BigInteger den = c.den();
    if (num.bitLength() > 32
        || den.bitLength() > 32
        || num.longValue() >= MAX_FACTORED_BASE
        || den.longValue() >= MAX_FACTORED_BASE) {
      return v;
    }
    Map<BigInteger, BigInteger> exponents = new TreeMap<>(v.exponents());
    factorInto(num.longValue(), BigInteger.ONE, exponents);
    factorInto(den.longValue(), BigInteger.ONE.negate(), exponents);
    exponents.values().removeIf(e -> e.signum() == 0);
    return new PrimePowers(c.num().signum() < 0 ? Rational.ONE.negate() : Rational.ONE, exponents);
  }

  private static void factorInto(long n, BigInteger sign, Map<BigInteger, BigInteger> exponents) {
    long rest = n;
    for (long q = 2; q * q <= rest; q++) {
      while (rest % q == 0) {
        exponents.merge(BigInteger.valueOf(q), sign, BigInteger::add);
        rest /= q;
      }
    }
    if (rest > 1) {
      exponents.merge(BigInteger.valueOf(rest), sign, BigInteger::add);
    }
  }
}
