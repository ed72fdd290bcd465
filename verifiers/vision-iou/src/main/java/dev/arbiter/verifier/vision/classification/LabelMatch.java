package dev.arbiter.verifier.vision.classification;

import java.util.Locale;

/**
 * How a normalized answer is compared with a label. Normalization ({@link #normalize}) trims,
 * collapses whitespace and drops surrounding quotes, brackets and trailing punctuation.
 */
public enum LabelMatch {
  /** Equal after normalization, case-sensitive. */
  EXACT {
    @Override
    public boolean test(String answer, String label) {
      return normalize(answer).equals(normalize(label));
    }
  },
  /** Equal after normalization, ignoring case (CLS-RL's no-thinking variant). */
  IEQUALS {
    @Override
    public boolean test(String answer, String label) {
      return normalize(answer).equalsIgnoreCase(normalize(label));
    }
  },
  /**
   * The label occurs in the answer, both lower-cased with spaces, underscores and hyphens removed
   * (Visual-RFT's classification check).
   */
  CONTAINS {
    @Override
    public boolean test(String answer, String label) {
      String l = squash(label);
      return !l.isEmpty() && squash(answer).contains(l);
    }
  };

  /** True when {@code answer} names {@code label}. */
  public abstract boolean test(String answer, String label);

  /** Trimmed, inner whitespace collapsed, without wrapping quotes/brackets or final punctuation. */
  public static String normalize(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    boolean changed = true;
    while (changed && !t.isEmpty()) {
      changed = false;
      char first = t.charAt(0);
      char last = t.charAt(t.length() - 1);
      if (".!?,;:".indexOf(last) >= 0) {
        t = t.substring(0, t.length() - 1).strip();
        changed = true;
      } else if (t.length() >= 2 && isWrapper(first, last)) {
        t = t.substring(1, t.length() - 1).strip();
        changed = true;
      }
    }
    return t;
  }

  private static boolean isWrapper(char first, char last) {
    return (first == '"' && last == '"')
        || (first == '\'' && last == '\'')
        || (first == '*' && last == '*')
        || (first == '`' && last == '`')
        || (first == '(' && last == ')')
        || (first == '[' && last == ']');
  }

  private static String squash(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c) && c != '_' && c != '-') {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
