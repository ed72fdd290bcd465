package dev.arbiter.verifier.vision.match;

/**
 * Visual-RFT's matching: each prediction in priority order takes the unused ground-truth box it
 * overlaps most (first on ties); the pair counts only when that overlap is above the threshold.
 * Otherwise the prediction stays unmatched and the box stays free for later predictions.
 */
public final class GreedyMatcher implements Matcher {

  public static final GreedyMatcher INSTANCE = new GreedyMatcher();

  private GreedyMatcher() {}

  @Override
  public int[] match(double[][] overlap, int groundTruths, double threshold) {
    int[] out = new int[overlap.length];
    boolean[] used = new boolean[groundTruths];
    for (int p = 0; p < overlap.length; p++) {
      int best = -1;
      double bestValue = threshold;
      double[] row = overlap[p];
      for (int g = 0; g < groundTruths; g++) {
        if (!used[g] && row[g] > bestValue) {
          bestValue = row[g];
          best = g;
        }
      }
      out[p] = best;
      if (best >= 0) {
        used[best] = true;
      }
    }
    return out;
  }
}
