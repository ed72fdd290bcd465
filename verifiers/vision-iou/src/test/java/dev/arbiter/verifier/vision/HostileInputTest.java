package dev.arbiter.verifier.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Megabyte-sized and pathological responses answer quickly, as verdicts. */
class HostileInputTest {

  private static final Map<String, Scorer> SCORERS = VisionConformanceTest.scorers();
  private static final int MB = 1 << 20;

  static List<String> responses() {
    return List.of(
        "a".repeat(MB),
        "[".repeat(MB),
        "<think>" + "</think>".repeat(MB / 8) + "<answer>[]",
        "<think>x</think><answer>" + "[1,2,3,4],".repeat(MB / 10) + "</answer>",
        "<answer>" + "{\"bbox_2d\": [0, 0, 10, 10]},".repeat(2000) + "</answer>",
        "{".repeat(MB / 2) + "}".repeat(MB / 2));
  }

  static Map<String, Object> reference(String scorer) {
    return switch (scorer) {
      case "detection" -> Map.of("boxes", List.of(Map.of("bbox_2d", List.of(0, 0, 10, 10))));
      case "grounding" -> Map.of("box", List.of(0, 0, 10, 10));
      case "classification" -> Map.of("label", "cat");
      default ->
          Map.of("action", "click", "box", List.of(0, 0, 10, 10), "image_size", List.of(100, 100));
    };
  }

  @ParameterizedTest
  @MethodSource("responses")
  void hugeResponse_isAFastVerdictForEveryScorer(String response) {
    for (Scorer scorer : SCORERS.values()) {
      ScoreItem item =
          new ScoreItem("h", scorer.id(), null, response, reference(scorer.id()), Map.of(), null);
      ScoreResult r = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> scorer.score(item));
      assertThat(r.status()).as(scorer.id()).isEqualTo(ScoreStatus.OK);
      assertThat(r.details()).containsKey("reason");
      assertThat(r.reward()).as(scorer.id()).isNotNull();
    }
  }
}
