package dev.arbiter.verifier.rules.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Word splitting as the authors' Python does it. */
public final class Words {

  private Words() {}

  /** Python's {@code str.isspace} for one char (Unicode spaces, NBSP and U+0085 included). */
  public static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  /** {@code text.split()}: maximal runs of non-space characters. */
  public static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && isPythonSpace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isPythonSpace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(text.substring(start, i));
      }
    }
    return words;
  }

  /** How many words {@code text.split()} gives, without building them. */
  public static int count(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = isPythonSpace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  /**
   * Lower-cased runs of letters and digits: the tokens of Google's {@code rouge_score} tokenizer
   * (which replaces every non-alphanumeric character by a space), and of SQuAD-style F1.
   */
  public static List<String> alnumTokens(String text, int max) {
    List<String> tokens = new ArrayList<>();
    String lower = text.toLowerCase(Locale.ROOT);
    int n = lower.length();
    int i = 0;
    while (i < n && tokens.size() < max) {
      while (i < n && !Character.isLetterOrDigit(lower.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(lower.charAt(i))) {
        i++;
      }
      if (i > start) {
        tokens.add(lower.substring(start, i));
      }
    }
    return tokens;
  }
}
