package dev.arbiter.verifier.rules.text;

import java.util.List;

/**
 * A regex of the form {@code ^L0.*?L1.*?…Ln$} under {@code re.DOTALL} — literals separated by
 * "anything" — matched without a regex engine. The authors' format rewards are all of this shape
 * (open-r1's {@code ^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$}, ToolRL's tag patterns);
 * matching them here takes {@code O(n)} {@code indexOf} scans instead of a backtracking search.
 *
 * <p>Middle literals are placed leftmost, which is optimal for a pattern whose only wildcards are
 * unbounded: any later placement leaves less room for what follows.
 */
public final class TagPattern {

  /** What Python's {@code $} accepts after the last literal. */
  public enum End {
    /** Without {@code re.MULTILINE}: the end of the text, or just before one final newline. */
    TEXT,
    /** With {@code re.MULTILINE}: the end of the text or just before any newline. */
    LINE
  }

  private final List<String> literals;
  private final End end;

  private TagPattern(List<String> literals, End end) {
    if (literals.size() < 2) {
      throw new IllegalArgumentException("a tag pattern needs at least two literals");
    }
    this.literals = List.copyOf(literals);
    this.end = end;
  }

  /** {@code ^literals[0].*?literals[1].*? … literals[n]$}. */
  public static TagPattern of(End end, String... literals) {
    return new TagPattern(List.of(literals), end);
  }

  /** Whether the whole text matches (as {@code re.match}/{@code re.search} with {@code ^}). */
  public boolean matches(String text) {
    String first = literals.get(0);
    if (!text.startsWith(first)) {
      return false;
    }
    int pos = first.length();
    for (int i = 1; i < literals.size() - 1; i++) {
      int at = text.indexOf(literals.get(i), pos);
      if (at < 0) {
        return false;
      }
      pos = at + literals.get(i).length();
    }
    String last = literals.get(literals.size() - 1);
    return end == End.TEXT ? endsAtTextEnd(text, last, pos) : endsAtLineEnd(text, last, pos);
  }

  private static boolean endsAtTextEnd(String text, String last, int from) {
    int n = text.length();
    if (n - last.length() >= from && text.startsWith(last, n - last.length())) {
      return true;
    }
    return n > 0
        && text.charAt(n - 1) == '\n'
        && n - 1 - last.length() >= from
        && text.startsWith(last, n - 1 - last.length());
  }

  private static boolean endsAtLineEnd(String text, String last, int from) {
    for (int at = text.indexOf(last, from); at >= 0; at = text.indexOf(last, at + 1)) {
      int after = at + last.length();
      if (after == text.length() || text.charAt(after) == '\n') {
        return true;
      }
    }
    return false;
  }

  /** Python's {@code str.count}: non-overlapping occurrences of {@code needle}. */
  public static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      count++;
    }
    return count;
  }
}
