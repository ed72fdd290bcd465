package dev.arbiter.verifier.rules.text;

import java.util.List;

/**
 * ROUGE-L F-measure (Lin, 2004) over {@link Words#alnumTokens} tokens, as Google's {@code
 * rouge_score} computes {@code rougeL} without stemming: {@code lcs / |pred|} precision, {@code lcs
 * / |ref|} recall, {@code 2PR / (P + R)}. The LCS table is {@code O(|pred| · |ref|)}; callers bound
 * both lengths with {@link #MAX_TOKENS}.
 */
public final class RougeL {

  /** Most tokens of either side that are compared; longer texts are cut to this many. */
  public static final int MAX_TOKENS = 1024;

  private RougeL() {}

  public static double f1(String prediction, String reference) {
    return f1(Words.alnumTokens(prediction, MAX_TOKENS), Words.alnumTokens(reference, MAX_TOKENS));
  }

  public static double f1(List<String> pred, List<String> ref) {
    if (pred.isEmpty() || ref.isEmpty()) {
      return 0;
    }
    int lcs = lcs(pred, ref);
    if (lcs == 0) {
      return 0;
    }
    double p = (double) lcs / pred.size();
    double r = (double) lcs / ref.size();
    return 2 * p * r / (p + r);
  }

  private static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (String x : a) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }
}
