package dev.arbiter.verifier.vision.internal;

import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.parse.BoxFormat;
import dev.arbiter.verifier.vision.parse.BoxReader;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed access to a JSON-like map ({@code options} or {@code reference}) that reports problems in
 * the words of that map: an unknown option is an {@link InvalidOptionException}, a bad reference
 * field an {@link InvalidReferenceException}.
 */
public final class FieldReader {

  private final Map<String, Object> map;
  private final String name;
  private final Function<String, RuntimeException> error;

  private FieldReader(
      Map<String, Object> map, String name, Function<String, RuntimeException> error) {
    this.map = map;
    this.name = name;
    this.error = error;
  }

  /** Reads {@code options}; keys outside {@code known} are refused (typos should not pass). */
  public static FieldReader options(Map<String, Object> options, Set<String> known) {
    FieldReader reader = new FieldReader(options, "options", InvalidOptionException::new);
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        throw new InvalidOptionException(
            "unknown option '" + key + "'; known options are " + new TreeSet<>(known));
      }
    }
    return reader;
  }

  /** Reads {@code reference}; unknown keys are ignored (datasets carry extra fields). */
  public static FieldReader reference(Map<String, Object> reference) {
    return new FieldReader(reference, "reference", InvalidReferenceException::new);
  }

  public Function<String, RuntimeException> error() {
    return error;
  }

  /** A box reader that complains in this map's words. */
  public BoxReader boxes(BoxFormat format) {
    return new BoxReader(format, error);
  }

  public boolean has(String key) {
    return map.get(key) != null;
  }

  public Object raw(String key) {
    return map.get(key);
  }

  public String where(String key) {
    return name + "." + key;
  }

  /** A number in [min, max], or {@code fallback} when absent. */
  public double number(String key, double fallback, double min, double max) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
      throw error.apply(where(key) + " must be a number in [" + min + ", " + max + "]");
    }
    return n.doubleValue();
  }

  public boolean bool(String key, boolean fallback) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw error.apply(where(key) + " must be true or false");
    }
    return b;
  }

  /** A string, or {@code fallback} when absent. */
  public String string(String key, String fallback) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String s)) {
      throw error.apply(where(key) + " must be a string");
    }
    return s;
  }

  /** One of the enum's constants by its lower-case name, or {@code fallback} when absent. */
  public <E extends Enum<E>> E choice(String key, E fallback) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    Class<E> type = fallback.getDeclaringClass();
    if (v instanceof String s) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(s)) {
          return e;
        }
      }
    }
    StringBuilder names = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      names.append(names.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw error.apply(where(key) + " must be one of " + names + ", got " + v);
  }

  /** {@code image_size} as {@code [w, h]}, or null when absent. */
  public ImageSize imageSize() {
    Object v = map.get("image_size");
    if (v == null) {
      return null;
    }
    double[] wh = boxes(BoxFormat.XYXY).numbers(v, 2, where("image_size"));
    if (!(wh[0] > 0 && wh[1] > 0)) {
      throw error.apply(where("image_size") + " must be two positive numbers [w, h]");
    }
    return new ImageSize(wh[0], wh[1]);
  }
}
