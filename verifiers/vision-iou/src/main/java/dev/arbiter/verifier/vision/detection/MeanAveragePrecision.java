package dev.arbiter.verifier.vision.detection;

import dev.arbiter.verifier.vision.match.GreedyMatcher;

/**
 * COCO-style mean average precision of one image, as a reward: for each class and each IoU
 * threshold 0.50, 0.55, …, 0.95, predictions in confidence order greedily take the unused
 * ground-truth box they overlap most (overlap at or above the threshold), and the 101-point
 * interpolated precision over recall gives the AP; the reward is the mean over classes and
 * thresholds. Unlike COCO, a class that is only predicted (no ground truth) counts with AP 0, so
 * spraying wrong labels is not free.
 */
public final class MeanAveragePrecision {

  private static final int THRESHOLDS = 10;
  private static final int RECALL_POINTS = 101;

  private MeanAveragePrecision() {}

  /**
   * @param overlap prediction × ground-truth overlap, predictions in confidence order
   * @param predClass class index of each prediction
   * @param gtClass class index of each ground-truth box
   * @param classes number of classes (indices 0..classes-1)
   */
  public static double of(double[][] overlap, int[] predClass, int[] gtClass, int classes) {
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      int[] preds = indicesOf(predClass, c);
      int[] gts = indicesOf(gtClass, c);
      if (preds.length == 0 || gts.length == 0) {
        continue; // AP 0
      }
      double[][] sub = new double[preds.length][gts.length];
      for (int i = 0; i < preds.length; i++) {
        for (int j = 0; j < gts.length; j++) {
          sub[i][j] = overlap[preds[i]][gts[j]];
        }
      }
      for (int t = 0; t < THRESHOLDS; t++) {
        double threshold = Math.nextDown(0.5 + 0.05 * t);
        int[] match = GreedyMatcher.INSTANCE.match(sub, gts.length, threshold);
        sum += averagePrecision(match, gts.length);
      }
    }
    return classes == 0 ? 0 : sum / (classes * THRESHOLDS);
  }

  /** 101-point interpolated AP of a ranked list of hits ({@code match[k] >= 0}). */
  static double averagePrecision(int[] match, int groundTruths) {
    int n = match.length;
    double[] precision = new double[n];
    double[] recall = new double[n];
    int tp = 0;
    for (int k = 0; k < n; k++) {
      if (match[k] >= 0) {
        tp++;
      }
      precision[k] = (double) tp / (k + 1);
      recall[k] = (double) tp / groundTruths;
    }
    for (int k = n - 2; k >= 0; k--) {
      precision[k] = Math.max(precision[k], precision[k + 1]);
    }
    double sum = 0;
    int k = 0;
    for (int r = 0; r < RECALL_POINTS; r++) {
      double level = r / 100.0;
      while (k < n && recall[k] < level - 1e-12) {
        k++;
      }
      if (k == n) {
        break;
      }
      sum += precision[k];
    }
    return sum / RECALL_POINTS;
  }

  private static int[] indicesOf(int[] classOf, int c) {
    int count = 0;
    for (int x : classOf) {
      if (x == c) {
        count++;
      }
    }
    int[] out = new int[count];
    int i = 0;
    for (int k = 0; k < classOf.length; k++) {
      if (classOf[k] == c) {
        out[i++] = k;
      }
    }
    return out;
  }
}
