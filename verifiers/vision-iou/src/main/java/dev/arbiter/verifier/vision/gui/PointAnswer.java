package dev.arbiter.verifier.vision.gui;

import java.util.Locale;
import java.util.Set;

/**
 * GUI answers that are a point rather than a JSON action, as GUI grounding models write them:
 * {@code <point>(x, y)</point>} (also {@code <point>x y</point>}), a function call {@code
 * click(x=…, y=…)} / {@code tap(…)} / {@code long_press(…)} (keyword or positional arguments,
 * optionally bracketed), or a bare {@code (x, y)} / {@code [x, y]}. A bare point is a click. The
 * numbers keep the convention of {@code options.coords} (pixels, 0–1 fractions or Qwen's 0–1000
 * grid).
 *
 * <p>One forward scan with {@code indexOf}; no regex.
 */
final class PointAnswer {

  private static final Set<String> CALLS =
      Set.of("click", "tap", "long_press", "double_click", "left_click", "right_click", "press");

  private PointAnswer() {}

  /** The action the answer states as a point, or null when it is not one of these forms. */
  static GuiAction parse(String answer) {
    String a = answer.strip();
    String lower = a.toLowerCase(Locale.ROOT);
    int tag = lower.indexOf("<point>");
    if (tag >= 0) {
      int close = lower.indexOf("</point>", tag);
      double[] p = twoNumbers(a, tag + "<point>".length(), close < 0 ? a.length() : close);
      return p == null ? null : click("click", p);
    }
    int paren = lower.indexOf('(');
    if (paren > 0) {
      String name = lower.substring(0, paren).strip();
      int start = Math.max(name.lastIndexOf(' '), name.lastIndexOf('\n')) + 1;
      name = name.substring(start);
      if (CALLS.contains(name)) {
        int close = lower.indexOf(')', paren);
        double[] p = twoNumbers(a, paren + 1, close < 0 ? a.length() : close);
        return p == null ? null : click(name, p);
      }
    }
    boolean wrapped =
        a.length() >= 2
            && (a.charAt(0) == '(' && a.charAt(a.length() - 1) == ')'
                || a.charAt(0) == '[' && a.charAt(a.length() - 1) == ']');
    if (wrapped) {
      double[] p = twoNumbers(a, 1, a.length() - 1);
      return p == null ? null : click("click", p);
    }
    return null;
  }

  private static GuiAction click(String type, double[] p) {
    return new GuiAction(GuiAction.normalizeType(type), p, null, null, null);
  }

  /**
   * Exactly two numbers between {@code from} and {@code to}, separated by commas, spaces, brackets
   * or {@code x=}/{@code y=} keywords; anything else (a third number, words) gives null.
   */
  static double[] twoNumbers(String s, int from, int to) {
    double[] out = new double[2];
    int n = 0;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
        int start = i;
        i++;
        while (i < to && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        if (n == 2) {
          return null;
        }
        try {
          out[n++] = Double.parseDouble(s.substring(start, i));
        } catch (NumberFormatException e) {
          return null;
        }
        continue;
      }
      boolean keyword =
          (c == 'x' || c == 'y' || c == 'X' || c == 'Y')
              && i + 1 < to
              && (s.charAt(i + 1) == '=' || s.charAt(i + 1) == ':');
      if (keyword) {
        i += 2;
        continue;
      }
      if (" \t\n,()[]'\"".indexOf(c) < 0) {
        return null;
      }
      i++;
    }
    return n == 2 && Double.isFinite(out[0]) && Double.isFinite(out[1]) ? out : null;
  }
}
