package dev.arbiter.verifier.math.extract;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LaTeX written without delimiters at the very end of a response ("so the answer is
 * \frac{\sqrt{3}}{2}"): the longest tail of the last line made only of math tokens, when it holds
 * at least one known math command and no prose. Only the last line is read (at most its last 400
 * characters), and a line with {@code $}, {@code \(} or {@code \[} is left to the delimited
 * patterns. Possessive quantifiers keep the scan linear per start position.
 */
final class BareLatexTail {

  private static final int MAX_LINE = 400;
  private static final Pattern TAIL =
      Pattern.compile(
          "(?:(?:\\\\text\\{[^{}$]*+\\}|\\\\[a-zA-Z]++|\\\\[{}|,;! ]|[0-9.]++|[{}()\\[\\]^_+\\-*/=<>|!,']"
              + "|(?<![a-zA-Z])[a-zA-Z](?![a-zA-Z]))\\s*+)++$");
  private static final Pattern PROSE_WORD = Pattern.compile("(?<![\\\\a-zA-Z])[a-zA-Z]{2,}");
  private static final Pattern COMMAND = Pattern.compile("\\\\([a-zA-Z]+)");
  private static final Set<String> MATH_COMMANDS =
      Set.of(
          "frac", "dfrac", "tfrac", "sqrt", "pi", "cdot", "times", "div", "pm", "mp", "infty", "le",
          "leq", "ge", "geq", "ne", "neq", "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln",
          "exp", "left", "right", "binom", "dbinom", "alpha", "beta", "theta", "circ", "cup", "in",
          "text", "mathrm");
  private static final Set<String> STRUCTURE = Set.of("text", "mathrm", "left", "right", "circ");

  private BareLatexTail() {}

  /** {start, end} of the bare LaTeX tail in text, or null. */
  static int[] find(CharSequence text) {
    int end = text.length();
    while (end > 0 && ".*! \t\r\n".indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    int lineStart = end;
    while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && end - lineStart < MAX_LINE) {
      lineStart--;
    }
    String line = text.subSequence(lineStart, end).toString();
    if (line.indexOf('\\') < 0
        || line.indexOf('$') >= 0
        || line.contains("\\(")
        || line.contains("\\[")
        || line.contains("\\boxed")) {
      return null;
    }
    Matcher m = TAIL.matcher(line).useTransparentBounds(true);
    m.region(afterLastWord(line), line.length());
    if (!m.find()) {
      return null;
    }
    int start = m.start();
    while (start < line.length() && "=,)]} ".indexOf(line.charAt(start)) >= 0) {
      start++;
    }
    String tail = line.substring(start);
    return isMath(tail) ? new int[] {lineStart + start, end} : null;
  }

  /** The tail cannot start before the end of the last prose word (keeps the scan linear). */
  private static int afterLastWord(String line) {
    Matcher w = PROSE_WORD.matcher(line);
    int end = 0;
    while (w.find()) {
      end = w.end();
    }
    return end;
  }

  private static boolean isMath(String tail) {
    Matcher c = COMMAND.matcher(tail);
    boolean math = false;
    while (c.find()) {
      String name = c.group(1);
      if (!MATH_COMMANDS.contains(name)) {
        return false;
      }
      math |= !STRUCTURE.contains(name);
    }
    return math && balanced(tail);
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (i > 0 && s.charAt(i - 1) == '\\') {
        continue;
      }
      if (ch == '{') {
        depth++;
      } else if (ch == '}' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }
}
