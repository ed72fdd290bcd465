package dev.arbiter.verifier.vision.match;

import java.util.Arrays;

/**
 * The one-to-one matching that maximizes the summed overlap of matched pairs (Kuhn-Munkres with
 * potentials, O(n^2 m) for n <= m). Pairs not above the threshold weigh 0 and are reported
 * unmatched, so the result maximizes the Visual-RFT IoU reward over all matchings, where the greedy
 * matcher can lose a box to an earlier, worse pairing.
 */
public final class HungarianMatcher implements Matcher {

  public static final HungarianMatcher INSTANCE = new HungarianMatcher();

  private HungarianMatcher() {}

  @Override
  public int[] match(double[][] overlap, int groundTruths, double threshold) {
    int preds = overlap.length;
    int[] out = new int[preds];
    Arrays.fill(out, -1);
    if (preds == 0 || groundTruths == 0) {
      return out;
    }
    boolean transpose = preds > groundTruths;
    int n = transpose ? groundTruths : preds;
    int m = transpose ? preds : groundTruths;
    double[][] cost = new double[n][m];
    for (int p = 0; p < preds; p++) {
      for (int g = 0; g < groundTruths; g++) {
        double w = weight(overlap[p][g], threshold);
        if (transpose) {
          cost[g][p] = -w;
        } else {
          cost[p][g] = -w;
        }
      }
    }
    int[] rowOfColumn = solve(cost, n, m);
    for (int col = 0; col < m; col++) {
      int row = rowOfColumn[col];
      if (row < 0) {
        continue;
      }
      int p = transpose ? col : row;
      int g = transpose ? row : col;
      if (weight(overlap[p][g], threshold) > 0) {
        out[p] = g;
      }
    }
    return out;
  }

  private static double weight(double value, double threshold) {
    return value > threshold ? value : 0;
  }

  /**
   * Minimum-cost assignment of every row to a distinct column ({@code n <= m}); returns for each
   * column its row or -1.
   */
  private static int[] solve(double[][] cost, int n, int m) {
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] p = new int[m + 1]; // p[j]: row (1-based) assigned to column j, 0 if none
    int[] way = new int[m + 1];
    double[] minv = new double[m + 1];
    boolean[] usedCol = new boolean[m + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      Arrays.fill(usedCol, false);
      do {
        usedCol[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= m; j++) {
          if (!usedCol[j]) {
            double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (usedCol[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] rowOfColumn = new int[m];
    for (int j = 1; j <= m; j++) {
      rowOfColumn[j - 1] = p[j] - 1;
    }
    return rowOfColumn;
  }
}
