package dev.arbiter.verifier.code.spec;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Typed reads of JSON-like maps (references, options) with messages that say what was expected. */
public final class Fields {

  private Fields() {}

  /** The string at {@code key}, null when absent; {@code what} names it in the message. */
  public static String string(Map<String, Object> m, String key, String what) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(what + " '" + key + "' should be a string");
    }
    return s;
  }

  /** The number at {@code key} as a double, null when absent. */
  public static Double number(Map<String, Object> m, String key, String what) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(what + " '" + key + "' should be a number");
    }
    return n.doubleValue();
  }

  /** APPS-style parallel {@code inputs} / {@code outputs} lists zipped by {@code toCase}. */
  static <T> List<T> zip(List<?> in, List<?> out, BiFunction<Object, Object, T> toCase) {
    if (in.size() != out.size()) {
      throw new IllegalArgumentException(
          "'inputs' has " + in.size() + " entries but 'outputs' has " + out.size());
    }
    List<T> cases = new java.util.ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      cases.add(toCase.apply(in.get(i), out.get(i)));
    }
    return cases;
  }
}
