package dev.arbiter.verifier.rules.text;

import java.util.Locale;

/**
 * SQuAD's {@code normalize_answer}, the exact-match normalization of QA rewards (TruthRL's EM
 * included): lower-case, drop punctuation, drop the articles a/an/the, collapse whitespace.
 */
public final class AnswerNormalizer {

  private AnswerNormalizer() {}

  public static String normalize(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder noPunct = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (!isPunctuation(c)) {
        noPunct.append(c);
      }
    }
    StringBuilder out = new StringBuilder(noPunct.length());
    for (String word : Words.split(noPunct.toString())) {
      if (word.equals("a") || word.equals("an") || word.equals("the")) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(word);
    }
    return out.toString();
  }

  /** Python's {@code string.punctuation}: the ASCII punctuation characters. */
  private static boolean isPunctuation(char c) {
    return c < 128 && (c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123);
  }
}
