package dev.arbiter.verifier.rules.text;

/**
 * The content of the last {@code \boxed{…}} (or {@code \fbox{…}}) of a response, braces balanced,
 * found with one backward search and one forward brace scan.
 */
public final class BoxedAnswer {

  private BoxedAnswer() {}

  /** The last boxed content, or null when there is none or its braces never close. */
  public static String last(String text) {
    int at = Math.max(text.lastIndexOf("\\boxed"), text.lastIndexOf("\\fbox"));
    if (at < 0) {
      return null;
    }
    int open = text.indexOf('{', at);
    if (open < 0) {
      return null;
    }
    String between = text.substring(at + (text.startsWith("\\boxed", at) ? 6 : 5), open);
    if (!between.isBlank()) {
      return null;
    }
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return text.substring(open + 1, i);
      }
    }
    return null;
  }
}
