package dev.arbiter.verifier.vision.bench;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.verifier.vision.detection.DetectionScorer;
import dev.arbiter.verifier.vision.detection.VisualRftRewards;
import dev.arbiter.verifier.vision.geometry.Box;
import dev.arbiter.verifier.vision.geometry.Overlap;
import dev.arbiter.verifier.vision.match.GreedyMatcher;
import dev.arbiter.verifier.vision.match.HungarianMatcher;
import dev.arbiter.verifier.vision.match.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Detection scoring throughput on 5 predicted × 5 ground-truth box scenes, single thread.
 *
 * <ul>
 *   <li>{@code score*}: the whole {@link DetectionScorer#score} of an item — answer extraction,
 *       format check, JSON parsing of the response, reference reading, dedupe, matching, rewards;
 *   <li>{@code match*}: geometry and matching only (boxes already parsed): the 5×5 overlap matrix,
 *       the matcher and the Visual-RFT IoU and confidence rewards.
 * </ul>
 *
 * <p>Run: {@code scripts/bench verifiers/vision-iou DetectionBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectionBenchmark {

  private static final int SCENES = 256;
  private static final int BOXES = 5;

  private final DetectionScorer scorer = new DetectionScorer(300, 65_536);
  private ScoreItem[] greedyItems;
  private ScoreItem[] hungarianItems;
  private Box[][] preds;
  private Box[][] gts;
  private double[][] confidences;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(7);
    greedyItems = new ScoreItem[SCENES];
    hungarianItems = new ScoreItem[SCENES];
    preds = new Box[SCENES][BOXES];
    gts = new Box[SCENES][BOXES];
    confidences = new double[SCENES][BOXES];
    for (int s = 0; s < SCENES; s++) {
      List<Object> gtJson = new ArrayList<>();
      StringBuilder answer = new StringBuilder("[");
      for (int b = 0; b < BOXES; b++) {
        double x = random.nextInt(500);
        double y = random.nextInt(500);
        double w = 20 + random.nextInt(100);
        double h = 20 + random.nextInt(100);
        gts[s][b] = new Box(x, y, x + w, y + h);
        gtJson.add(Map.of("bbox_2d", List.of(x, y, x + w, y + h), "label", "object"));
        // predictions jitter around the ground truth, some far off
        double jx = random.nextGaussian() * (b == 4 ? 60 : 8);
        double jy = random.nextGaussian() * (b == 4 ? 60 : 8);
        Box p =
            new Box(
                Math.round(x + jx),
                Math.round(y + jy),
                Math.round(x + jx + w),
                Math.round(y + jy + h));
        preds[s][b] = p;
        confidences[s][b] = Math.round(random.nextDouble() * 100) / 100.0;
        answer
            .append(b == 0 ? "" : ", ")
            .append(
                String.format(
                    Locale.ROOT,
                    "{\"bbox_2d\": [%d, %d, %d, %d], \"label\": \"object\", \"confidence\": %.2f}",
                    (long) p.x1(),
                    (long) p.y1(),
                    (long) p.x2(),
                    (long) p.y2(),
                    confidences[s][b]));
      }
      answer.append("]");
      String response = "<think>I see five objects.</think>\n<answer>" + answer + "</answer>";
      Map<String, Object> reference = Map.of("boxes", gtJson);
      greedyItems[s] =
          new ScoreItem("s" + s, "detection", null, response, reference, Map.of(), null);
      hungarianItems[s] =
          new ScoreItem(
              "s" + s,
              "detection",
              null,
              response,
              reference,
              Map.of("matching", "hungarian"),
              null);
    }
  }

  private int nextScene() {
    next = (next + 1) & (SCENES - 1);
    return next;
  }

  @Benchmark
  public ScoreResult scoreGreedy() {
    return scorer.score(greedyItems[nextScene()]);
  }

  @Benchmark
  public ScoreResult scoreHungarian() {
    return scorer.score(hungarianItems[nextScene()]);
  }

  @Benchmark
  public double matchGreedy() {
    return match(GreedyMatcher.INSTANCE, nextScene());
  }

  @Benchmark
  public double matchHungarian() {
    return match(HungarianMatcher.INSTANCE, nextScene());
  }

  private double match(Matcher matcher, int s) {
    Box[] p = preds[s];
    Box[] g = gts[s];
    double[][] overlap = new double[p.length][g.length];
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < g.length; j++) {
        overlap[i][j] = Overlap.IOU.between(p[i], g[j]);
      }
    }
    int[] match = matcher.match(overlap, g.length, 0.5);
    return VisualRftRewards.iou(overlap, match, g.length)
        + VisualRftRewards.confidence(confidences[s], match);
  }
}
