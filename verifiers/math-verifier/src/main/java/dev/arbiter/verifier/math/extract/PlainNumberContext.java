package dev.arbiter.verifier.math.extract;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What surrounds a plain number in a response, so that the number is not taken out of its form: an
 * integer followed by a proper fraction is a mixed number ({@code 3 1/2}), and the right-hand side
 * of an equation whose left side is an expression in variables ({@code 3x + 4y + 14 = 0}) stands
 * for the whole equation (taking the trailing {@code 0} alone makes every such equation equal).
 */
final class PlainNumberContext {

  private static final Pattern FRACTION_AFTER =
      Pattern.compile("^[ \\t]+(\\d{1,9})/(\\d{1,9})(?![\\d/]|\\.\\d)");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,12}");
  private static final int LOOK_BACK = 120;
  private static final Pattern PROSE_WORD = Pattern.compile("(?<![\\w^_])[a-zA-Z]{2,}(?![\\w(])");
  private static final Pattern BARE_NAME =
      Pattern.compile(
          "[a-zA-Z](?:_\\{?\\w+\\}?)?(?:\\([a-zA-Z]\\))?|\\([a-zA-Z](?:,\\s*[a-zA-Z])*\\)");

  private PlainNumberContext() {}

  /** The end of a mixed number that starts with the integer {@code number}, or -1. */
  static int mixedNumberEnd(CharSequence text, int numberEnd, String number) {
    if (!INTEGER.matcher(number).matches() || number.replace("-", "").equals("0")) {
      return -1;
    }
    int digit = numberEnd;
    while (digit < text.length() && digit - numberEnd < 4 && isBlank(text.charAt(digit))) {
      digit++;
    }
    if (digit == numberEnd || digit >= text.length() || !Character.isDigit(text.charAt(digit))) {
      return -1;
    }
    CharSequence after = text.subSequence(numberEnd, Math.min(text.length(), numberEnd + 24));
    Matcher m = FRACTION_AFTER.matcher(after);
    if (!m.find()) {
      return -1;
    }
    BigInteger num = new BigInteger(m.group(1));
    BigInteger den = new BigInteger(m.group(2));
    boolean proper = num.signum() > 0 && num.compareTo(den) < 0;
    return proper ? numberEnd + m.end() : -1;
  }

  /**
   * Where the left side of an equation ends before a number starting at {@code numberStart} begins
   * (its start), when the left side is an expression with a variable and not a bare name; else -1.
   */
  static int equationStart(CharSequence text, int numberStart) {
    int eq = numberStart - 1;
    while (eq >= 0 && text.charAt(eq) == ' ') {
      eq--;
    }
    if (eq < 1 || text.charAt(eq) != '=' || "<>!=".indexOf(text.charAt(eq - 1)) >= 0) {
      return -1;
    }
    int from = eq;
    int limit = Math.max(0, eq - LOOK_BACK);
    while (from > limit && isExpressionChar(text.charAt(from - 1))) {
      from--;
    }
    String lhs = text.subSequence(from, eq).toString();
    int cut = lastWordEnd(lhs);
    int start = from + cut;
    String side = lhs.substring(cut).strip();
    while (!side.isEmpty() && "+*/^)".indexOf(side.charAt(0)) >= 0) {
      side = side.substring(1).strip();
    }
    if (side.isEmpty()
        || side.chars().noneMatch(Character::isLetter)
        || BARE_NAME.matcher(side).matches()) {
      return -1;
    }
    return start + lhs.substring(cut).indexOf(side);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isExpressionChar(char c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || " .+-*/^()_".indexOf(c) >= 0;
  }

  /** Just after the last word of two or more letters (prose such as "the line is"), or 0. */
  private static int lastWordEnd(String lhs) {
    Matcher w = PROSE_WORD.matcher(lhs);
    int end = 0;
    while (w.find()) {
      end = w.end();
    }
    return end;
  }
}
