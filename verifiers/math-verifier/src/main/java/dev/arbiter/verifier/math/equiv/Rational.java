package dev.arbiter.verifier.math.equiv;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** An exact rational number in lowest terms with a positive denominator. */
record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {

  /**
   * Every result is reduced by a gcd, whose cost is quadratic in its operands' size (two 90,000-bit
   * numbers take hundreds of milliseconds, one uninterruptible step). Operations whose result is
   * not an integer are only done when numerator and denominator have at most this many bits
   * together; integer results reduce by a gcd with 1, which is immediate.
   */
  static final int MAX_GCD_BITS = 16_384;

  static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
  static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

  Rational {
    if (den.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    BigInteger g = num.gcd(den);
    if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
      num = num.divide(g);
      den = den.divide(g);
    }
  }

  /**
   * The literal's exact value. Callers size it first ({@link MagnitudeEstimate#literalBits}): a
   * literal like {@code 1E+999999} would take millions of bits.
   */
  static Rational of(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    if (s.scale() <= 0) {
      return new Rational(s.toBigIntegerExact(), BigInteger.ONE);
    }
    return new Rational(s.unscaledValue(), BigInteger.TEN.pow(s.scale()));
  }

  static Rational of(long n) {
    return new Rational(BigInteger.valueOf(n), BigInteger.ONE);
  }

  /** Whether {@link #add} is cheap (see {@link #MAX_GCD_BITS}). */
  boolean canAdd(Rational o) {
    long denBits = (long) den.bitLength() + o.den.bitLength();
    long numBits =
        Math.max(
                (long) num.bitLength() + o.den.bitLength(),
                (long) o.num.bitLength() + den.bitLength())
            + 1;
    return (isInteger() && o.isInteger()) || numBits + denBits <= MAX_GCD_BITS;
  }

  /** Whether {@link #multiply} is cheap (see {@link #MAX_GCD_BITS}). */
  boolean canMultiply(Rational o) {
    long bits = (long) bitLength() * 2 + (long) o.bitLength() * 2;
    return (isInteger() && o.isInteger()) || bits <= MAX_GCD_BITS;
  }

  /** Whether {@link #divide} is cheap (see {@link #MAX_GCD_BITS}). */
  boolean canDivide(Rational o) {
    long bits = (long) bitLength() * 2 + (long) o.bitLength() * 2;
    return (isInteger() && o.num.abs().equals(BigInteger.ONE)) || bits <= MAX_GCD_BITS;
  }

  /** Whether {@link #pow} is cheap (see {@link #MAX_GCD_BITS}). */
  boolean canPow(int exponent) {
    long bits = (long) bitLength() * Math.abs((long) exponent) * 2;
    return isInteger() || bits <= MAX_GCD_BITS;
  }

  Rational add(Rational o) {
    return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  Rational multiply(Rational o) {
    return new Rational(num.multiply(o.num), den.multiply(o.den));
  }

  Rational negate() {
    return new Rational(num.negate(), den);
  }

  Rational divide(Rational o) {
    return new Rational(num.multiply(o.den), den.multiply(o.num));
  }

  Rational pow(int exponent) {
    if (exponent >= 0) {
      return new Rational(num.pow(exponent), den.pow(exponent));
    }
    return new Rational(den.pow(-exponent), num.pow(-exponent));
  }

  boolean isInteger() {
    return den.equals(BigInteger.ONE);
  }

  int bitLength() {
    return Math.max(num.bitLength(), den.bitLength());
  }

  BigDecimal toBigDecimal(int digits) {
    return new BigDecimal(num)
        .divide(new BigDecimal(den), new MathContext(digits, RoundingMode.HALF_EVEN));
  }

  double toDouble() {
    return toBigDecimal(20).doubleValue();
  }

  @Override
  public int compareTo(Rational o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  /** The value, with integers of more than 40 digits abbreviated (reasons stay short). */
  @Override
  public String toString() {
    return isInteger() ? shortDigits(num) : shortDigits(num) + "/" + shortDigits(den);
  }

  private static String shortDigits(BigInteger n) {
    if (n.bitLength() < 128) {
      return n.toString();
    }
    String digits = n.abs().toString();
    if (digits.length() <= 40) {
      return n.toString();
    }
    return (n.signum() < 0 ? "-" : "")
        + digits.substring(0, 12)
        + "…"
        + digits.substring(digits.length() - 12)
        + " ("
        + digits.length()
        + " digits)";
  }
}
