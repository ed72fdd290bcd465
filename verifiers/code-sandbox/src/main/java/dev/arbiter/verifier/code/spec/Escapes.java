package dev.arbiter.verifier.code.spec;

/** Decodes one backslash escape of a Python, JavaScript or C++ string literal. */
final class Escapes {

  private Escapes() {}

  /**
   * Decodes the escape at {@code s[i]} (a backslash) into {@code out}.
   *
   * @param bytes a Python bytes literal ({@code \\u} is not an escape there)
   * @return the index after the escape
   */
  static int decode(String s, int i, StringBuilder out, boolean bytes) {
    if (i + 1 >= s.length()) {
      throw new IllegalArgumentException("dangling backslash");
    }
    char c = s.charAt(i + 1);
    switch (c) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\u000b');
      case '\\', '\'', '"', '`', '?' -> out.append(c);
      case '\n' -> {
        // line continuation inside the literal
      }
      case 'x' -> {
        return hex(s, i + 2, 2, out);
      }
      case 'u' -> {
        if (bytes) {
          out.append('\\').append(c);
          return i + 2;
        }
        if (i + 2 < s.length() && s.charAt(i + 2) == '{') {
          int close = s.indexOf('}', i + 3);
          if (close < 0) {
            throw new IllegalArgumentException("bad \\u{} escape");
          }
          out.appendCodePoint(Integer.parseInt(s.substring(i + 3, close), 16));
          return close + 1;
        }
        return hex(s, i + 2, 4, out);
      }
      case 'U' -> {
        if (bytes) {
          out.append('\\').append(c);
          return i + 2;
        }
        return hex(s, i + 2, 8, out);
      }
      default -> {
        if (c >= '0' && c <= '7') {
          int j = i + 1;
          int v = 0;
          while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
            v = v * 8 + (s.charAt(j) - '0');
            j++;
          }
          out.append((char) v);
          return j;
        }
        throw new IllegalArgumentException("escape \\" + c + " is not supported in literals");
      }
    }
    return i + 2;
  }

  private static int hex(String s, int from, int digits, StringBuilder out) {
    if (from + digits > s.length()) {
      throw new IllegalArgumentException("short hex escape");
    }
    int cp = Integer.parseInt(s.substring(from, from + digits), 16);
    out.appendCodePoint(cp);
    return from + digits;
  }
}
