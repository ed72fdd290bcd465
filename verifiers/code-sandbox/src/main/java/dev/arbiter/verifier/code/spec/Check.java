package dev.arbiter.verifier.code.spec;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What must hold of one candidate value, decided in Java: the program never sees {@link #expected}.
 *
 * @param op the comparison
 * @param expected the constant the value is compared with (null for truthiness)
 * @param rel relative tolerance ({@link Op#CLOSE})
 * @param abs absolute tolerance ({@link Op#CLOSE}, {@link Op#WITHIN}, {@link Op#WITHIN_OR_EQUAL})
 */
public record Check(Op op, Value expected, double rel, double abs) {

  /** The comparisons the assert parsers produce. */
  public enum Op {
    /** Python {@code ==}, JavaScript {@code ===}/strictEqual/deepStrictEqual, C++ {@code ==}. */
    EQ,
    NE,
    /**
     * JavaScript {@code ==}/equal/deepEqual: a number equals its decimal string, null undefined.
     */
    LOOSE_EQ,
    LOOSE_NE,
    LT,
    LE,
    GT,
    GE,
    /** Python/C++ truthiness (empty containers are false). */
    TRUTHY,
    FALSY,
    /** JavaScript truthiness (arrays and objects are true, NaN false). */
    JS_TRUTHY,
    JS_FALSY,
    /** {@code math.isclose} / {@code pytest.approx}: within max(rel * magnitude, abs). */
    CLOSE,
    /** {@code abs(value - expected) < abs}. */
    WITHIN,
    /** {@code abs(value - expected) <= abs}. */
    WITHIN_OR_EQUAL,
    /** Bash {@code -eq} family on the decimal text of the value. */
    INT_EQ,
    INT_NE,
    INT_LT,
    INT_LE,
    INT_GT,
    INT_GE
  }

  public static Check of(Op op, Value expected) {
    return new Check(op, expected, 0, 0);
  }

  /** Whether {@code actual} satisfies this check. An opaque value satisfies nothing. */
  public boolean holds(Value actual) {
    if (!plain(actual)) {
      return false;
    }
    return switch (op) {
      case EQ -> Value.same(actual, expected);
      case NE -> !Value.same(actual, expected);
      case LOOSE_EQ -> loose(actual, expected);
      case LOOSE_NE -> !loose(actual, expected);
      case LT, LE, GT, GE -> ordered(compare(actual, expected));
      case TRUTHY -> Boolean.TRUE.equals(Value.truthy(actual));
      case FALSY -> Boolean.FALSE.equals(Value.truthy(actual));
      case JS_TRUTHY -> jsTruthy(actual);
      case JS_FALSY -> !jsTruthy(actual);
      case CLOSE -> close(actual);
      case WITHIN, WITHIN_OR_EQUAL -> within(actual);
      case INT_EQ, INT_NE, INT_LT, INT_LE, INT_GT, INT_GE -> integers(actual);
    };
  }

  /** A short rendering of what was expected, for details. */
  public String describe() {
    String e = expected == null ? "" : Value.show(expected);
    return switch (op) {
      case EQ -> "== " + e;
      case NE -> "!= " + e;
      case LOOSE_EQ -> "loosely == " + e;
      case LOOSE_NE -> "loosely != " + e;
      case LT, INT_LT -> "< " + e;
      case LE, INT_LE -> "<= " + e;
      case GT, INT_GT -> "> " + e;
      case GE, INT_GE -> ">= " + e;
      case TRUTHY, JS_TRUTHY -> "truthy";
      case FALSY, JS_FALSY -> "falsy";
      case CLOSE -> "close to " + e + " (rel " + rel + ", abs " + abs + ")";
      case WITHIN -> "within < " + abs + " of " + e;
      case WITHIN_OR_EQUAL -> "within <= " + abs + " of " + e;
      case INT_EQ -> "-eq " + e;
      case INT_NE -> "-ne " + e;
    };
  }

  private static boolean plain(Value v) {
    if (v instanceof Value.Opaque) {
      return false;
    }
    if (v instanceof Value.Seq s) {
      return s.items().stream().allMatch(Check::plain);
    }
    if (v instanceof Value.SetOf s) {
      return s.items().stream().allMatch(Check::plain);
    }
    if (v instanceof Value.Dict d) {
      return d.keys().stream().allMatch(Check::plain) && d.values().stream().allMatch(Check::plain);
    }
    return true;
  }

  private boolean ordered(Integer c) {
    if (c == null) {
      return false;
    }
    return switch (op) {
      case LT, INT_LT -> c < 0;
      case LE, INT_LE -> c <= 0;
      case GT, INT_GT -> c > 0;
      case GE, INT_GE -> c >= 0;
      case INT_EQ -> c == 0;
      case INT_NE -> c != 0;
      default -> false;
    };
  }

  /** Numbers by value, strings by code point; null when they do not order. */
  private static Integer compare(Value a, Value b) {
    BigDecimal x = Value.number(a);
    BigDecimal y = Value.number(b);
    if (x != null && y != null) {
      return x.compareTo(y);
    }
    double dx = Value.asDouble(a);
    double dy = Value.asDouble(b);
    if (!Double.isNaN(dx)
        && !Double.isNaN(dy)
        && (Double.isInfinite(dx) || Double.isInfinite(dy))) {
      return Double.compare(dx, dy);
    }
    if (a instanceof Value.Str s && b instanceof Value.Str t) {
      return Integer.signum(s.value().compareTo(t.value()));
    }
    return null;
  }

  private static boolean loose(Value a, Value b) {
    if (Value.same(a, b)) {
      return true;
    }
    if ((a instanceof Value.Nil || a instanceof Value.Undefined)
        && (b instanceof Value.Nil || b instanceof Value.Undefined)) {
      return true;
    }
    if (a instanceof Value.Seq x && b instanceof Value.Seq y) {
      if (x.items().size() != y.items().size()) {
        return false;
      }
      for (int i = 0; i < x.items().size(); i++) {
        if (!loose(x.items().get(i), y.items().get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Value.Dict x && b instanceof Value.Dict y) {
      if (x.keys().size() != y.keys().size()) {
        return false;
      }
      for (int i = 0; i < x.keys().size(); i++) {
        int j = y.keys().indexOf(x.keys().get(i));
        if (j < 0 || !loose(x.values().get(i), y.values().get(j))) {
          return false;
        }
      }
      return true;
    }
    double x = jsNumber(a);
    double y = jsNumber(b);
    return !Double.isNaN(x)
        && x == y
        && (a instanceof Value.Str
            || b instanceof Value.Str
            || a instanceof Value.Bool
            || b instanceof Value.Bool);
  }

  private static double jsNumber(Value v) {
    if (v instanceof Value.Bool b) {
      return b.value() ? 1 : 0;
    }
    if (v instanceof Value.Str s) {
      String t = s.value().strip();
      if (t.isEmpty()) {
        return 0;
      }
      try {
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Value.asDouble(v);
  }

  private static boolean jsTruthy(Value v) {
    if (v instanceof Value.Flt f) {
      return f.value() != 0 && !Double.isNaN(f.value());
    }
    if (v instanceof Value.Seq || v instanceof Value.Dict || v instanceof Value.SetOf) {
      return true;
    }
    return Boolean.TRUE.equals(Value.truthy(v));
  }

  private boolean close(Value actual) {
    double a = Value.asDouble(actual);
    double e = Value.asDouble(expected);
    if (Double.isNaN(a) || Double.isNaN(e)) {
      return false;
    }
    if (a == e) {
      return true;
    }
    if (Double.isInfinite(a) || Double.isInfinite(e)) {
      return false;
    }
    double diff = Math.abs(a - e);
    return diff <= Math.max(rel * Math.max(Math.abs(a), Math.abs(e)), abs);
  }

  private boolean within(Value actual) {
    double a = Value.asDouble(actual);
    double e = Value.asDouble(expected);
    double diff = Math.abs(a - e);
    if (Double.isNaN(diff)) {
      return false;
    }
    return op == Op.WITHIN ? diff < abs : diff <= abs;
  }

  private boolean integers(Value actual) {
    if (!(actual instanceof Value.Str s)) {
      return false;
    }
    String t = s.value().strip();
    if (!t.matches("[-+]?[0-9]{1,30}")) {
      return false;
    }
    BigInteger value = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
    return ordered(compare(new Value.Int(value), expected));
  }
}
