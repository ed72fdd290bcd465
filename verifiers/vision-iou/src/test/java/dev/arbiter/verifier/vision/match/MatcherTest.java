package dev.arbiter.verifier.vision.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.verifier.vision.geometry.Box;
import dev.arbiter.verifier.vision.geometry.Overlap;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatcherTest {

  /**
   * Ground truth g0 = [0,0,10,10], g1 = [4,0,14,10]. p0 (most confident) = [1.5,0,11.5,10] overlaps
   * g0 by 17/23 and g1 by 0.6; p1 = [0,0,10,10] overlaps g0 by 1 and g1 by 3/7 (below 0.5).
   */
  private static double[][] craftedScene() {
    Box[] gts = {new Box(0, 0, 10, 10), new Box(4, 0, 14, 10)};
    Box[] preds = {new Box(1.5, 0, 11.5, 10), new Box(0, 0, 10, 10)};
    double[][] m = new double[2][2];
    for (int p = 0; p < 2; p++) {
      for (int g = 0; g < 2; g++) {
        m[p][g] = Overlap.IOU.between(preds[p], gts[g]);
      }
    }
    return m;
  }

  @Test
  void greedy_takesBestBoxFirstAndLosesTheSecondPair() {
    double[][] m = craftedScene();
    assertThat(m[0][0]).isCloseTo(17.0 / 23, within(1e-12));
    assertThat(m[0][1]).isCloseTo(0.6, within(1e-12));
    assertThat(GreedyMatcher.INSTANCE.match(m, 2, 0.5)).containsExactly(0, -1);
  }

  @Test
  void hungarian_findsTheAssignmentWithLargerSum() {
    assertThat(HungarianMatcher.INSTANCE.match(craftedScene(), 2, 0.5)).containsExactly(1, 0);
  }

  @Test
  void greedy_belowThresholdLeavesBoxFreeForLaterPrediction() {
    double[][] m = {{0.4, 0.0}, {0.9, 0.0}};
    assertThat(GreedyMatcher.INSTANCE.match(m, 2, 0.5)).containsExactly(-1, 0);
  }

  @Test
  void greedy_strictlyAboveThreshold() {
    assertThat(GreedyMatcher.INSTANCE.match(new double[][] {{0.5}}, 1, 0.5)).containsExactly(-1);
    assertThat(HungarianMatcher.INSTANCE.match(new double[][] {{0.5}}, 1, 0.5)).containsExactly(-1);
  }

  @Test
  void nanPairsNeverMatch() {
    double[][] m = {{Double.NaN, 0.7}, {0.9, Double.NaN}};
    assertThat(GreedyMatcher.INSTANCE.match(m, 2, 0.5)).containsExactly(1, 0);
    assertThat(HungarianMatcher.INSTANCE.match(m, 2, 0.5)).containsExactly(1, 0);
    assertThat(GreedyMatcher.INSTANCE.match(new double[][] {{Double.NaN}}, 1, 0))
        .containsExactly(-1);
  }

  @Test
  void emptySides() {
    assertThat(HungarianMatcher.INSTANCE.match(new double[0][0], 3, 0.5)).isEmpty();
    assertThat(HungarianMatcher.INSTANCE.match(new double[][] {{}, {}}, 0, 0.5))
        .containsExactly(-1, -1);
    assertThat(GreedyMatcher.INSTANCE.match(new double[][] {{}, {}}, 0, 0.5))
        .containsExactly(-1, -1);
  }

  @Test
  void hungarian_equalsBruteForceOptimumOnRandomRectangularScenes() {
    Random random = new Random(42);
    int[][] shapes = {{5, 5}, {3, 6}, {6, 3}, {1, 4}, {4, 1}, {6, 6}};
    for (int trial = 0; trial < 300; trial++) {
      int[] shape = shapes[trial % shapes.length];
      double[][] m = new double[shape[0]][shape[1]];
      for (double[] row : m) {
        for (int g = 0; g < row.length; g++) {
          row[g] = random.nextDouble();
        }
      }
      int[] match = HungarianMatcher.INSTANCE.match(m, shape[1], 0.5);
      assertValidMatching(match, shape[1]);
      double greedy = sum(m, GreedyMatcher.INSTANCE.match(m, shape[1], 0.5));
      double best = bruteForce(m, 0, new boolean[shape[1]], 0.5);
      assertThat(sum(m, match)).as("trial %d", trial).isCloseTo(best, within(1e-9));
      assertThat(greedy).isLessThanOrEqualTo(best + 1e-9);
    }
  }

  private static void assertValidMatching(int[] match, int gts) {
    boolean[] used = new boolean[gts];
    for (int g : match) {
      if (g >= 0) {
        assertThat(used[g]).isFalse();
        used[g] = true;
      }
    }
  }

  private static double sum(double[][] m, int[] match) {
    double s = 0;
    for (int p = 0; p < match.length; p++) {
      if (match[p] >= 0) {
        assertThat(m[p][match[p]]).isGreaterThan(0.5);
        s += m[p][match[p]];
      }
    }
    return s;
  }

  private static double bruteForce(double[][] m, int p, boolean[] used, double threshold) {
    if (p == m.length) {
      return 0;
    }
    double best = bruteForce(m, p + 1, used, threshold); // p unmatched
    for (int g = 0; g < used.length; g++) {
      if (!used[g] && m[p][g] > threshold) {
        used[g] = true;
        best = Math.max(best, m[p][g] + bruteForce(m, p + 1, used, threshold));
        used[g] = false;
      }
    }
    return best;
  }
}
