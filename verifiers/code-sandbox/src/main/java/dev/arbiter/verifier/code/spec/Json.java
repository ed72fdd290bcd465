package dev.arbiter.verifier.code.spec;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON for function-call arguments and results, compared structurally. */
public final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** {@code node} as plain Java data (maps, lists, strings, numbers, booleans, null). */
  static Object value(JsonNode node) {
    return MAPPER.treeToValue(node, Object.class);
  }

  /** Parses {@code text}; throws {@link IllegalArgumentException} when it is not JSON. */
  public static Object read(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  /** Structural equality; numbers compare by value within {@code tolerance}. */
  public static boolean same(Object expected, Object actual, double tolerance) {
    if (expected instanceof Number e && actual instanceof Number a) {
      double x = e.doubleValue();
      double y = a.doubleValue();
      double diff = Math.abs(x - y);
      return x == y || diff <= tolerance || diff <= tolerance * Math.abs(x);
    }
    if (expected instanceof List<?> e && actual instanceof List<?> a) {
      if (e.size() != a.size()) {
        return false;
      }
      for (int i = 0; i < e.size(); i++) {
        if (!same(e.get(i), a.get(i), tolerance)) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
      if (!e.keySet().equals(a.keySet())) {
        return false;
      }
      for (Object k : e.keySet()) {
        if (!same(e.get(k), a.get(k), tolerance)) {
          return false;
        }
      }
      return true;
    }
    return java.util.Objects.equals(expected, actual);
  }
}
