package dev.arbiter.verifier.rules.critique;

import java.util.Locale;
import java.util.Map;

/**
 * Finds the last conclusion of a critique and reads it as true (the solution is correct) or false.
 * Markers, the last one in the text winning:
 *
 * <ul>
 *   <li>{@code \conclusion{T}} / {@code \conclusion{F}} (Critique-Coder's format), also with a word
 *       inside ({@code \conclusion{True}}, {@code {correct}}, {@code {wrong}}, ...);
 *   <li>{@code Conclusion: right} / {@code Conclusion: wrong} (critique-fine-tuning style), any
 *       case, the first word after the colon;
 *   <li>{@code \boxed{T}} / {@code \boxed{F}} and the same words.
 * </ul>
 *
 * Only {@code lastIndexOf} scans: linear in the response.
 */
final class ConclusionReader {

  private static final Map<String, Boolean> WORDS =
      Map.ofEntries(
          Map.entry("t", true),
          Map.entry("true", true),
          Map.entry("right", true),
          Map.entry("correct", true),
          Map.entry("yes", true),
          Map.entry("f", false),
          Map.entry("false", false),
          Map.entry("wrong", false),
          Map.entry("incorrect", false),
          Map.entry("no", false));

  private ConclusionReader() {}

  /** The verdict and the marker that gave it. */
  record Conclusion(boolean correct, String marker) {}

  /** The last readable conclusion, or null. A last marker whose word is unknown gives null. */
  static Conclusion last(String response) {
    String lower = response.toLowerCase(Locale.ROOT);
    int conclusion = lower.lastIndexOf("\\conclusion{");
    int boxed = lower.lastIndexOf("\\boxed{");
    int colon = lastConclusionColon(lower);
    int at = Math.max(conclusion, Math.max(boxed, colon));
    if (at < 0) {
      return null;
    }
    String word;
    String marker;
    if (at == conclusion || at == boxed) {
      int open = lower.indexOf('{', at);
      int close = lower.indexOf('}', open);
      if (close < 0 || close - open > 32) {
        return null;
      }
      word = lower.substring(open + 1, close).strip();
      marker = response.substring(at, close + 1);
    } else {
      int from = at + "conclusion:".length();
      int i = from;
      while (i < lower.length() && (lower.charAt(i) == ' ' || lower.charAt(i) == '*')) {
        i++;
      }
      int start = i;
      while (i < lower.length() && i - start < 16 && Character.isLetter(lower.charAt(i))) {
        i++;
      }
      word = lower.substring(start, i);
      marker = response.substring(at, i);
    }
    Boolean verdict = WORDS.get(word);
    return verdict == null ? null : new Conclusion(verdict, marker);
  }

  private static int lastConclusionColon(String lower) {
    int at = lower.lastIndexOf("conclusion:");
    // "\conclusion:" is not a marker of the colon form
    while (at > 0 && lower.charAt(at - 1) == '\\') {
      at = lower.lastIndexOf("conclusion:", at - 1);
    }
    return at;
  }
}
