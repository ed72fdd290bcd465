package dev.arbiter.verifier.vision.gui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SQuAD-style token F1 of two texts: lower-cased runs of letters and digits, as multisets. */
public final class TokenF1 {

  private TokenF1() {}

  /** F1 in [0, 1]; two texts without tokens score 1, one without tokens 0. */
  public static double of(String predicted, String gold) {
    List<String> p = tokens(predicted);
    List<String> g = tokens(gold);
    if (p.isEmpty() || g.isEmpty()) {
      return p.isEmpty() && g.isEmpty() ? 1 : 0;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String t : g) {
      counts.merge(t, 1, Integer::sum);
    }
    int common = 0;
    for (String t : p) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        common++;
        counts.put(t, c - 1);
      }
    }
    if (common == 0) {
      return 0;
    }
    double precision = (double) common / p.size();
    double recall = (double) common / g.size();
    return 2 * precision * recall / (precision + recall);
  }

  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean word = i < s.length() && Character.isLetterOrDigit(s.charAt(i));
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        out.add(s.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
    }
    return out;
  }
}
