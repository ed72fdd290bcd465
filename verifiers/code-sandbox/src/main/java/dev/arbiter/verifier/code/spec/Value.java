package dev.arbiter.verifier.code.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain data value, typed: what an expected side of an assert parses to in Java, and what the
 * harness reports for a candidate side. Only built-in types exist here; anything else the program
 * returned arrives as {@link Opaque} and equals nothing.
 */
public sealed interface Value {

  /** An integer (Python int, C++ integral types). */
  record Int(BigInteger value) implements Value {}

  /** A floating-point number (Python float, JavaScript number, C++ floating types). */
  record Flt(double value) implements Value {}

  /** A boolean; never equal to a number (stricter than Python's {@code True == 1}). */
  record Bool(boolean value) implements Value {}

  /** A text string. */
  record Str(String value) implements Value {}

  /** A byte string (Python bytes). */
  record Bytes(String latin1) implements Value {}

  /** Python None, JavaScript null. */
  record Nil() implements Value {}

  /** JavaScript undefined. */
  record Undefined() implements Value {}

  /** An ordered sequence: a list/array/vector, or a tuple/pair. */
  record Seq(boolean tuple, List<Value> items) implements Value {}

  /** An unordered set (Python set and frozenset compare equal, as in Python). */
  record SetOf(List<Value> items) implements Value {}

  /** A mapping (Python dict, JavaScript plain object, C++ map). */
  record Dict(List<Value> keys, List<Value> values) implements Value {}

  /** Something that is not plain data (a custom object, a subclass, a function). */
  record Opaque(String what) implements Value {}

  /** Wire tag of {@link Opaque}: the probe raised instead of returning a value. */
  String RAISED = "raised";

  /**
   * Python-style {@code ==} on plain data, type-strict where Python is lenient: numbers compare by
   * value across int and float ({@code 1 == 1.0}), a bool never equals a number, list and tuple
   * differ, NaN equals nothing (not even inside containers), an {@link Opaque} equals nothing.
   */
  static boolean same(Value a, Value b) {
    StringBuilder x = new StringBuilder();
    StringBuilder y = new StringBuilder();
    return canon(a, x) && canon(b, y) && x.toString().contentEquals(y);
  }

  /** Appends a canonical key of {@code v}; false when it holds NaN or an opaque value. */
  static boolean canon(Value v, StringBuilder out) {
    if (v instanceof Int i) {
      out.append('n').append(i.value()).append(';');
    } else if (v instanceof Flt f) {
      double d = f.value();
      if (Double.isNaN(d)) {
        return false;
      }
      if (Double.isInfinite(d)) {
        out.append(d > 0 ? "n+inf;" : "n-inf;");
      } else if (d == Math.rint(d)) {
        out.append('n').append(new BigDecimal(d).toBigInteger()).append(';');
      } else {
        out.append('n').append(new BigDecimal(d).toPlainString()).append(';');
      }
    } else if (v instanceof Bool b) {
      out.append(b.value() ? 'T' : 'F');
    } else if (v instanceof Str s) {
      out.append('s').append(s.value().length()).append(':').append(s.value());
    } else if (v instanceof Bytes b) {
      out.append('y').append(b.latin1().length()).append(':').append(b.latin1());
    } else if (v instanceof Nil) {
      out.append('N');
    } else if (v instanceof Undefined) {
      out.append('U');
    } else if (v instanceof Seq s) {
      out.append(s.tuple() ? "P(" : "L(");
      for (Value item : s.items()) {
        if (!canon(item, out)) {
          return false;
        }
      }
      out.append(')');
    } else if (v instanceof SetOf s) {
      List<String> keys = new ArrayList<>();
      for (Value item : s.items()) {
        StringBuilder k = new StringBuilder();
        if (!canon(item, k)) {
          return false;
        }
        keys.add(k.toString());
      }
      out.append("S(");
      keys.stream().distinct().sorted().forEach(out::append);
      out.append(')');
    } else if (v instanceof Dict d) {
      List<String> entries = new ArrayList<>();
      for (int i = 0; i < d.keys().size(); i++) {
        StringBuilder k = new StringBuilder();
        if (!canon(d.keys().get(i), k) || !canon(d.values().get(i), k.append('='))) {
          return false;
        }
        entries.add(k.toString());
      }
      out.append("D(");
      entries.stream().sorted().forEach(e -> out.append(e).append(','));
      out.append(')');
    } else {
      return false;
    }
    return true;
  }

  /** Python truthiness of plain data; null (undecidable) for opaque values. */
  static Boolean truthy(Value v) {
    if (v instanceof Int i) {
      return i.value().signum() != 0;
    } else if (v instanceof Flt f) {
      return f.value() != 0.0;
    } else if (v instanceof Bool b) {
      return b.value();
    } else if (v instanceof Str s) {
      return !s.value().isEmpty();
    } else if (v instanceof Bytes b) {
      return !b.latin1().isEmpty();
    } else if (v instanceof Nil || v instanceof Undefined) {
      return false;
    } else if (v instanceof Seq s) {
      return !s.items().isEmpty();
    } else if (v instanceof SetOf s) {
      return !s.items().isEmpty();
    } else if (v instanceof Dict d) {
      return !d.keys().isEmpty();
    }
    return null;
  }

  /** The numeric value of an int or float (never of a bool); null otherwise. */
  static BigDecimal number(Value v) {
    if (v instanceof Int i) {
      return new BigDecimal(i.value());
    }
    if (v instanceof Flt f && Double.isFinite(f.value())) {
      return new BigDecimal(f.value());
    }
    return null;
  }

  /** The double value of an int or float (never of a bool); NaN otherwise. */
  static double asDouble(Value v) {
    if (v instanceof Int i) {
      return i.value().doubleValue();
    }
    if (v instanceof Flt f) {
      return f.value();
    }
    return Double.NaN;
  }

  /** A short rendering for details. */
  static String show(Value v) {
    if (v instanceof Int i) {
      return i.value().toString();
    } else if (v instanceof Flt f) {
      return Double.toString(f.value());
    } else if (v instanceof Bool b) {
      return b.value() ? "True" : "False";
    } else if (v instanceof Str s) {
      return Json.write(s.value());
    } else if (v instanceof Bytes b) {
      return "b" + Json.write(b.latin1());
    } else if (v instanceof Nil) {
      return "None";
    } else if (v instanceof Undefined) {
      return "undefined";
    } else if (v instanceof Seq s) {
      String inner = String.join(", ", s.items().stream().map(Value::show).toList());
      return s.tuple() ? "(" + inner + ")" : "[" + inner + "]";
    } else if (v instanceof SetOf s) {
      return "{" + String.join(", ", s.items().stream().map(Value::show).toList()) + "}";
    } else if (v instanceof Dict d) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < d.keys().size(); i++) {
        parts.add(show(d.keys().get(i)) + ": " + show(d.values().get(i)));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return "<" + ((Opaque) v).what() + ">";
  }
}
