package dev.arbiter.verifier.vision.match;

/**
 * Pairs predictions with ground-truth boxes one to one.
 *
 * <p>{@code overlap[p][g]} is the measure of prediction {@code p} against ground truth {@code g};
 * predictions come in priority order (highest confidence first). A pair whose value is not above
 * {@code threshold} (or NaN, for pairs that may not match, e.g. different labels) never matches.
 */
public interface Matcher {

  /**
   * For each prediction the index of its ground-truth box, or -1 when it stays unmatched. No
   * ground-truth index appears twice.
   */
  int[] match(double[][] overlap, int groundTruths, double threshold);
}
