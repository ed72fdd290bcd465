package dev.arbiter.model.meta.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Word and n-gram helpers shared by the text detectors. Bounded: at most 20,000 words read. */
final class Texts {

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  static final int MAX_WORDS = 20_000;

  private Texts() {}

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        out.add(w);
        if (out.size() == MAX_WORDS) {
          break;
        }
      }
    }
    return out;
  }

  static List<String> ngrams(List<String> words, int n) {
    List<String> out = new ArrayList<>(Math.max(0, words.size() - n + 1));
    for (int i = 0; i + n <= words.size(); i++) {
      out.add(String.join(" ", words.subList(i, i + n)));
    }
    return out;
  }

  static Set<String> ngramSet(String text, int n) {
    return new HashSet<>(ngrams(words(text), n));
  }
}
