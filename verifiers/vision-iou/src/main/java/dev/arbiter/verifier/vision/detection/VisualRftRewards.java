package dev.arbiter.verifier.vision.detection;

/**
 * Visual-RFT's detection rewards (Liu et al., 2025, sec. 3.2) computed from a matching. Predictions
 * are indexed in priority order, as matched.
 */
public final class VisualRftRewards {

  private VisualRftRewards() {}

  /**
   * The IoU reward: the summed overlap of matched pairs over {@code max(#ground truth,
   * #predictions)}, so both missed and extra boxes cost.
   */
  public static double iou(double[][] overlap, int[] match, int groundTruths) {
    int denominator = Math.max(groundTruths, match.length);
    if (denominator == 0) {
      return 0;
    }
    double sum = 0;
    for (int p = 0; p < match.length; p++) {
      if (match[p] >= 0) {
        sum += overlap[p][match[p]];
      }
    }
    return sum / denominator;
  }

  /**
   * The confidence reward: the mean over predictions of {@code c} when matched and {@code 1 - c}
   * when not; 0 without predictions.
   */
  public static double confidence(double[] confidence, int[] match) {
    if (match.length == 0) {
      return 0;
    }
    double sum = 0;
    for (int p = 0; p < match.length; p++) {
      sum += match[p] >= 0 ? confidence[p] : 1 - confidence[p];
    }
    return sum / match.length;
  }
}
