package dev.arbiter.verifier.vision.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.verifier.vision.geometry.Box;
import dev.arbiter.verifier.vision.parse.LabeledBox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Visual-RFT formulas on hand-worked examples. */
class VisualRftRewardsTest {

  @Test
  void iou_sumOfMatchedOverMaxOfCounts() {
    double[][] overlap = {{1.0, 0.0}, {0.0, 2.0 / 3}, {0.0, 0.0}};
    int[] match = {0, 1, -1};
    // (1 + 2/3) / max(2, 3)
    assertThat(VisualRftRewards.iou(overlap, match, 2)).isCloseTo(5.0 / 9, within(1e-12));
    // more ground truth than predictions: 1 / max(4, 3)
    assertThat(VisualRftRewards.iou(overlap, new int[] {0, -1, -1}, 4)).isEqualTo(0.25);
  }

  @Test
  void confidence_matchedEarnsCUnmatchedEarnsOneMinusC() {
    // (0.9 + 0.6 + (1 - 0.3)) / 3
    assertThat(VisualRftRewards.confidence(new double[] {0.9, 0.6, 0.3}, new int[] {0, 1, -1}))
        .isCloseTo(2.2 / 3, within(1e-12));
    assertThat(VisualRftRewards.confidence(new double[0], new int[0])).isZero();
  }

  @Test
  void dedupeAndRank_dropsExactDuplicatesKeepsFirstSortsByConfidenceStably() {
    List<LabeledBox> in =
        List.of(
            new LabeledBox(new Box(0, 0, 1, 1), "a", 0.2),
            new LabeledBox(new Box(5, 5, 6, 6), "b", 0.9),
            new LabeledBox(new Box(0, 0, 1, 1), "c", 0.95),
            new LabeledBox(new Box(7, 7, 8, 8), "d", 0.2));
    List<LabeledBox> out = DetectionScorer.dedupeAndRank(in, false);
    assertThat(out).extracting(LabeledBox::label).containsExactly("b", "a", "d");
    assertThat(DetectionScorer.dedupeAndRank(in, true)).hasSize(4);
  }

  @Test
  void meanAveragePrecision_handWorked() {
    // p0 hits g0 with IoU 1, p1 hits g1 with IoU 2/3, p2 misses. Thresholds 0.50..0.65 give AP 1;
    // 0.70..0.95 leave only p0 a hit: precision 1 up to recall 0.5, so AP = 51/101.
    double[][] overlap = {{1.0, 0.0}, {0.0, 2.0 / 3}, {0.0, 0.0}};
    double map = MeanAveragePrecision.of(overlap, new int[3], new int[2], 1);
    assertThat(map).isCloseTo((4 + 6 * 51.0 / 101) / 10, within(1e-12));
  }

  @Test
  void averagePrecision_falsePositiveFirstLowersPrecision() {
    // FP then TP, one ground truth: precision at recall 1 is 1/2
    assertThat(MeanAveragePrecision.averagePrecision(new int[] {-1, 0}, 1)).isEqualTo(0.5);
    assertThat(MeanAveragePrecision.averagePrecision(new int[0], 1)).isZero();
  }

  @Test
  void meanAveragePrecision_labelOnlyPredictedCountsAsZero() {
    // class 0: perfect; class 1 predicted but absent from ground truth
    double[][] overlap = {{1.0}, {0.0}};
    assertThat(MeanAveragePrecision.of(overlap, new int[] {0, 1}, new int[] {0}, 2)).isEqualTo(0.5);
  }

  @Test
  void score_workedExampleEndToEnd() {
    DetectionScorer scorer = new DetectionScorer(300, 65_536);
    String response =
        "<think>two animals</think> <answer>[{\"bbox_2d\": [0,0,10,10], \"confidence\": 0.9},"
            + " {\"bbox_2d\": [20,20,30,35], \"confidence\": 0.6},"
            + " {\"bbox_2d\": [50,50,60,60], \"confidence\": 0.3},"
            + " {\"bbox_2d\": [0,0,10,10], \"confidence\": 0.5}]</answer>";
    Map<String, Object> reference =
        Map.of(
            "boxes",
            List.of(
                Map.of("bbox_2d", List.of(0, 0, 10, 10)),
                Map.of("bbox_2d", List.of(20, 20, 30, 30))));
    ScoreResult r =
        scorer.score(new ScoreItem("x", "detection", null, response, reference, Map.of(), null));
    assertThat(r.components().get("iou")).isCloseTo(5.0 / 9, within(1e-12));
    assertThat(r.components().get("confidence")).isCloseTo(2.2 / 3, within(1e-12));
    assertThat(r.components().get("format")).isEqualTo(1.0);
    assertThat(r.reward()).isCloseTo(5.0 / 9 + 2.2 / 3 + 1, within(1e-12));
    assertThat(r.details()).containsEntry("matched", 2).containsEntry("duplicates", 1);
  }
}
