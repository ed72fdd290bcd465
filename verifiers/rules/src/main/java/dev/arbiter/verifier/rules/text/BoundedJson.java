package dev.arbiter.verifier.rules.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as {@code json.loads} reads it, bounded: nesting at most {@value #MAX_DEPTH}, numbers of at
 * most 1000 digits, so a hostile response cannot recurse deep or build huge numbers. Values come
 * back as {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or null.
 */
public final class BoundedJson {

  /** Deepest nesting accepted; deeper input is malformed. */
  public static final int MAX_DEPTH = 64;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(1000)
                          .build())
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  .build())
          // "{call} trailing text" is not JSON, as for json.loads
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private BoundedJson() {}

  /** The parsed value, or throws {@link MalformedJsonException} with the parser's message. */
  public static Object parse(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JacksonException e) {
      throw new MalformedJsonException(e.getOriginalMessage());
    }
  }

  /**
   * Python's {@code ==} on decoded JSON: numbers compare by value across int and float ({@code 1 ==
   * 1.0}), booleans as 0/1 against numbers ({@code True == 1}), lists in order, objects by keys.
   */
  public static boolean pyEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (isNumeric(a) && isNumeric(b)) {
      return numericEquals(a, b);
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!pyEquals(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        if (!mb.containsKey(e.getKey()) || !pyEquals(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean isNumeric(Object o) {
    return o instanceof Number || o instanceof Boolean;
  }

  private static boolean numericEquals(Object a, Object b) {
    double da = asDouble(a);
    double db = asDouble(b);
    if (!Double.isFinite(da) || !Double.isFinite(db)) {
      return da == db; // NaN != NaN, inf == inf, as in Python
    }
    return toDecimal(a).compareTo(toDecimal(b)) == 0;
  }

  private static double asDouble(Object o) {
    return o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
  }

  private static BigDecimal toDecimal(Object o) {
    if (o instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (o instanceof BigDecimal d) {
      return d;
    }
    if (o instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (o instanceof Double || o instanceof Float) {
      return new BigDecimal(((Number) o).doubleValue());
    }
    return BigDecimal.valueOf(((Number) o).longValue());
  }

  /** The text is not JSON (or exceeds the bounds). */
  public static final class MalformedJsonException extends RuntimeException {
    public MalformedJsonException(String message) {
      super(message, null, false, false);
    }
  }
}
