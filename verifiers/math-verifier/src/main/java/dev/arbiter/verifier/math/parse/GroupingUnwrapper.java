package dev.arbiter.verifier.math.parse;

/**
 * Removes redundant grouping before parsing, in one linear pass and without recursion: a pair of
 * parentheses (or of plain braces) whose whole content is another pair of the same kind is dropped,
 * so {@code ((((1))))}, {@code {{{1}}}} and {@code \left(\left(1\right)\right)} (after
 * normalization) at any depth are {@code (1)}, {@code {1}}, {@code (1)}. Brackets that carry meaning
 * are kept: {@code [} and escaped {@code \{} (intervals, sets), mixed kinds ({@code {(1,2)}}) and
 * pairs that hold more than one group ({@code {{a}{b}}}). Unbalanced input is returned unchanged
 * (the parser reports it).
 */
final class GroupingUnwrapper {

  private GroupingUnwrapper() {}

  static String unwrap(String s) {
    if (!hasDoubleOpener(s)) {
      return s;
    }
    int n = s.length();
    int[] match = new int[n];
    int[] stack = new int[n];
    int top = 0;
    boolean any = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean opens = c == '(' || c == '{' || c == '[';
      boolean closes = c == ')' || c == '}' || c == ']';
      if ((!opens && !closes) || escaped(s, i)) {
        continue;
      }
      if (opens) {
        stack[top++] = i;
      } else {
        if (top == 0) {
          return s;
        }
        int open = stack[--top];
        match[open] = i;
        match[i] = open;
        any |= top > 0;
      }
    }
    if (top != 0 || !any) {
      return s;
    }
    boolean[] drop = new boolean[n];
    boolean dropped = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if ((c != '(' && c != '{') || escaped(s, i)) {
        continue;
      }
      int inner = skipSpaceForward(s, i + 1);
      int close = match[i];
      if (inner < close
          && s.charAt(inner) == c
          && !escaped(s, inner)
          && skipSpaceBackward(s, close - 1) == match[inner]) {
        drop[i] = true;
        drop[close] = true;
        dropped = true;
      }
    }
    if (!dropped) {
      return s;
    }
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      if (!drop[i]) {
        out.append(s.charAt(i));
      }
    }
    return out.toString();
  }

  /**
   * Whether some "(" or "{" is followed, after spaces, by the same bracket (else nothing to do).
   */
  private static boolean hasDoubleOpener(String s) {
    for (int i = 0; i + 1 < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '{') {
        int j = skipSpaceForward(s, i + 1);
        if (j < s.length() && s.charAt(j) == c) {
          return true;
        }
      }
    }
    return false;
  }

  /** A bracket written as {@code \{} or {@code \(} is a command, not grouping. */
  private static boolean escaped(String s, int i) {
    int backslashes = 0;
    for (int j = i - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static int skipSpaceForward(String s, int i) {
    int j = i;
    while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
      j++;
    }
    return j;
  }

  private static int skipSpaceBackward(String s, int i) {
    int j = i;
    while (j >= 0 && Character.isWhitespace(s.charAt(j))) {
      j--;
    }
    return j;
  }
}
