package dev.arbiter.verifier.rules.truth;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Says whether an answer abstains ("I don't know" and its paraphrases). Two documented lists: whole
 * answers that abstain ({@link #EXACT}, e.g. "unknown", "n/a") and phrases that abstain wherever
 * they stand at word boundaries ({@link #PHRASES}, e.g. "don't know", "not sure", "cannot be
 * determined"). The answer is normalized first: lower case, typographic apostrophes as {@code '},
 * whitespace collapsed, surrounding punctuation and quotes dropped. No regex: phrase search is
 * {@code indexOf} with boundary checks.
 */
public final class AbstentionDetector {

  /** Answers that abstain when they are the whole answer. */
  public static final Set<String> EXACT =
      Set.of(
          "unknown",
          "n/a",
          "na",
          "none",
          "idk",
          "dunno",
          "unsure",
          "uncertain",
          "unclear",
          "no answer",
          "no idea",
          "pass",
          "abstain",
          "i abstain",
          "no comment",
          "not known",
          "unanswerable",
          "cannot answer",
          "can't answer",
          "not applicable",
          "insufficient information",
          "insufficient data",
          "not enough information",
          "nobody knows",
          "no one knows");

  /** Phrases that abstain wherever they stand (at word boundaries). */
  public static final List<String> PHRASES =
      List.of(
          "don't know",
          "do not know",
          "dont know",
          "didn't know",
          "not sure",
          "no idea",
          "not certain",
          "i'm uncertain",
          "i am uncertain",
          "unable to answer",
          "unable to determine",
          "unable to provide",
          "unable to find",
          "unable to say",
          "cannot answer",
          "can't answer",
          "cannot be answered",
          "can't be answered",
          "cannot determine",
          "can't determine",
          "cannot be determined",
          "can't be determined",
          "cannot say",
          "can't say",
          "cannot tell",
          "can't tell",
          "cannot provide",
          "can't provide",
          "cannot confirm",
          "can't confirm",
          "cannot be sure",
          "not enough information",
          "insufficient information",
          "don't have enough information",
          "do not have enough information",
          "don't have information",
          "do not have information",
          "no reliable information",
          "no information",
          "beyond my knowledge",
          "outside my knowledge",
          "not within my knowledge",
          "don't have the knowledge",
          "no way to know",
          "impossible to know",
          "impossible to determine",
          "not possible to determine",
          "i abstain",
          "i'd rather not guess",
          "rather not guess",
          "i won't guess",
          "not able to answer",
          "not able to determine",
          "i have no knowledge",
          "unknown to me",
          "i'm unsure",
          "i am unsure",
          "i don't recall",
          "i do not recall",
          "i can't recall",
          "i cannot recall");

  private AbstentionDetector() {}

  /** True when {@code answer} abstains. */
  public static boolean abstains(String answer) {
    String a = normalize(answer);
    if (a.isEmpty()) {
      return false;
    }
    if (EXACT.contains(a)) {
      return true;
    }
    for (String phrase : PHRASES) {
      if (containsWord(a, phrase)) {
        return true;
      }
    }
    return false;
  }

  static String normalize(String answer) {
    String a =
        answer
            .toLowerCase(Locale.ROOT)
            .replace('\u2019', '\'')
            .replace('\u2018', '\'')
            .replace('\u02bc', '\'');
    StringBuilder out = new StringBuilder(a.length());
    boolean space = false;
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = !out.isEmpty();
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
    }
    int start = 0;
    int end = out.length();
    while (start < end && isEdge(out.charAt(start))) {
      start++;
    }
    while (end > start && isEdge(out.charAt(end - 1))) {
      end--;
    }
    return out.substring(start, end);
  }

  private static boolean isEdge(char c) {
    return ".,!?;:\"'`*()[]{}<>-_ ".indexOf(c) >= 0;
  }

  private static boolean containsWord(String text, String phrase) {
    for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      int end = at + phrase.length();
      boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (startOk && endOk) {
        return true;
      }
    }
    return false;
  }
}
