package dev.arbiter.verifier.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed access to {@code options} or {@code reference} that reports problems in the words of that
 * map: a bad option is an {@link InvalidOptionException}, a bad reference field an {@link
 * InvalidReferenceException}.
 */
public final class Fields {

  private final Map<String, Object> map;
  private final String name;
  private final Function<String, RuntimeException> error;

  private Fields(Map<String, Object> map, String name, Function<String, RuntimeException> error) {
    this.map = map;
    this.name = name;
    this.error = error;
  }

  /** Reads {@code options}; keys outside {@code known} are refused (typos must not pass). */
  public static Fields options(Map<String, Object> options, Set<String> known) {
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        throw new InvalidOptionException(
            "unknown option '" + key + "'; known options are " + new TreeSet<>(known));
      }
    }
    return new Fields(options, "options", InvalidOptionException::new);
  }

  /** Reads {@code reference}; unknown keys are ignored (datasets carry extra fields). */
  public static Fields reference(Map<String, Object> reference) {
    return new Fields(reference, "reference", InvalidReferenceException::new);
  }

  public RuntimeException error(String message) {
    return error.apply(message);
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

  /** A finite number in [min, max], or {@code fallback} when absent. */
  public double number(String key, double fallback, double min, double max) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
      throw error.apply(where(key) + " must be a number in [" + min + ", " + max + "], got " + v);
    }
    return n.doubleValue();
  }

  /** A whole number in [min, max], or {@code fallback} when absent. */
  public int integer(String key, int fallback, int min, int max) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
      throw error.apply(where(key) + " must be an integer in [" + min + ", " + max + "], got " + v);
    }
    return n.intValue();
  }

  public boolean bool(String key, boolean fallback) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw error.apply(where(key) + " must be true or false, got " + v);
    }
    return b;
  }

  /** A boolean, or null when absent. */
  public Boolean optionalBool(String key) {
    return has(key) ? bool(key, false) : null;
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

  /** A string or a list of strings (both forms appear in datasets); empty when absent. */
  public List<String> strings(String key) {
    Object v = map.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof String s) {
      out.add(s);
      return out;
    }
    if (v instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw error.apply(where(key) + " must be a string or a list of strings");
        }
        out.add(s);
      }
      return out;
    }
    throw error.apply(where(key) + " must be a string or a list of strings");
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
}
