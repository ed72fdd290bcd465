package dev.arbiter.verifier.code.spec;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** How a program's stdout is compared with the expected output. */
public enum Comparison {
  /** Byte-for-byte equal. */
  EXACT,
  /**
   * Equal after trimming trailing whitespace of each line and trailing blank lines (the
   * CodeContests / APPS checker's usual leniency).
   */
  @JsonAlias({"lines", "default"})
  WHITESPACE,
  /** Equal token by token, numeric tokens within a relative or absolute tolerance. */
  @JsonAlias({"tolerance", "numeric"})
  FLOAT;

  /** What the {@code compare} field means, for the published schemas. */
  public static final String DOC =
      "how stdout is compared: exact, whitespace (trailing spaces, \\r\\n and trailing blank"
          + " lines ignored; the default) or float (token by token, numbers within float_tolerance)";

  /**
   * The comparison named {@code name} (any case) or one of its {@link JsonAlias aliases}, as items
   * spell it; for the service's default.
   */
  public static Comparison parse(String name) {
    for (Comparison c : values()) {
      if (c.name().equalsIgnoreCase(name) || aliases(c).anyMatch(name::equalsIgnoreCase)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "compare '" + name + "' is unknown; expected exact, whitespace or float");
  }

  private static Stream<String> aliases(Comparison c) {
    try {
      JsonAlias alias = Comparison.class.getField(c.name()).getAnnotation(JsonAlias.class);
      return alias == null ? Stream.empty() : Arrays.stream(alias.value());
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code actual} matches {@code expected}. */
  public boolean matches(String expected, String actual, double tolerance) {
    return switch (this) {
      case EXACT -> expected.equals(actual);
      case WHITESPACE -> normalize(expected).equals(normalize(actual));
      case FLOAT -> tokensMatch(expected, actual, tolerance);
    };
  }

  static String normalize(String s) {
    List<String> lines = s.replace("\r\n", "\n").lines().map(String::stripTrailing).toList();
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isEmpty()) {
      end--;
    }
    return String.join("\n", lines.subList(0, end));
  }

  private static boolean tokensMatch(String expected, String actual, double tolerance) {
    String[] e = expected.strip().split("\\s+");
    String[] a = actual.strip().split("\\s+");
    if (e.length != a.length) {
      return false;
    }
    for (int i = 0; i < e.length; i++) {
      if (e[i].equals(a[i])) {
        continue;
      }
      if (!numbersClose(e[i], a[i], tolerance)) {
        return false;
      }
    }
    return true;
  }

  static boolean numbersClose(String expected, String actual, double tolerance) {
    try {
      double x = Double.parseDouble(expected);
      double y = Double.parseDouble(actual);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return false;
      }
      double diff = Math.abs(x - y);
      return diff <= tolerance || diff <= tolerance * Math.abs(x);
    } catch (NumberFormatException ex) {
      return false;
    }
  }
}
