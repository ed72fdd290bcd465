package dev.arbiter.verifier.math.extract;

import java.util.ArrayList;
import java.util.List;

/** Finds {@code \boxed{...}} and {@code \fbox{...}} with nested braces, in linear time. */
public final class BoxUnwrapper {

  /** One box: its content and the span of the whole command in the source. */
  public record Box(String content, int start, int end) {}

  private static final String[] COMMANDS = {"\\boxed", "\\fbox"};

  private BoxUnwrapper() {}

  /** Every top-level box in {@code s}, left to right; an unclosed box runs to the end. */
  public static List<Box> find(CharSequence s) {
    List<Box> boxes = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      int start = nextCommand(s, i);
      if (start < 0) {
        break;
      }
      int j = start + commandLength(s, start);
      while (j < n && s.charAt(j) == ' ') {
        j++;
      }
      if (j >= n || s.charAt(j) != '{') {
        i = j;
        continue;
      }
      int depth = 0;
      int k = j;
      for (; k < n; k++) {
        char c = s.charAt(k);
        if (c == '\\' && k + 1 < n) {
          k++;
        } else if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          break;
        }
      }
      int end = Math.min(k + 1, n);
      String content = s.subSequence(j + 1, Math.min(k, n)).toString();
      boxes.add(new Box(content, start, end));
      i = end;
    }
    return boxes;
  }

  /** {@code s} with every box replaced by its content (nested boxes too). */
  public static String unwrapAll(String s) {
    String out = s;
    for (int guard = 0; guard < 8 && (out.contains("\\boxed") || out.contains("\\fbox")); guard++) {
      List<Box> boxes = find(out);
      if (boxes.isEmpty()) {
        break;
      }
      StringBuilder sb = new StringBuilder(out.length());
      int last = 0;
      for (Box b : boxes) {
        sb.append(out, last, b.start()).append(b.content());
        last = b.end();
      }
      sb.append(out, last, out.length());
      out = sb.toString();
    }
    return out;
  }

  private static int nextCommand(CharSequence s, int from) {
    int best = -1;
    for (String cmd : COMMANDS) {
      int idx = indexOf(s, cmd, from);
      if (idx >= 0 && (best < 0 || idx < best)) {
        best = idx;
      }
    }
    return best;
  }

  private static int commandLength(CharSequence s, int at) {
    return startsWith(s, "\\boxed", at) ? "\\boxed".length() : "\\fbox".length();
  }

  private static boolean startsWith(CharSequence s, String p, int at) {
    if (at + p.length() > s.length()) {
      return false;
    }
    for (int k = 0; k < p.length(); k++) {
      if (s.charAt(at + k) != p.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(CharSequence s, String p, int from) {
    if (s instanceof String str) {
      return str.indexOf(p, from);
    }
    for (int i = from; i + p.length() <= s.length(); i++) {
      if (startsWith(s, p, i)) {
        return i;
      }
    }
    return -1;
  }
}
