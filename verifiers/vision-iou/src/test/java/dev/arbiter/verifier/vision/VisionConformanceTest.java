package dev.arbiter.verifier.vision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.Scorer;
import dev.arbiter.server.contract.ScorerConformanceContract;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The named cases of {@code conformance/vision_cases.jsonl}, one JSON case per line: {@code name},
 * {@code scorer}, {@code response}, {@code reference}, {@code options} and {@code expected} ({@code
 * status}, {@code reward}, optional {@code components} in the order the scorer reports them, {@code
 * reason_contains}, {@code details}). Every bug found becomes a case there. {@link
 * ScorerConformanceContract} runs them.
 */
class VisionConformanceTest extends ScorerConformanceContract {

  VisionConformanceTest() {
    super("/conformance/vision_cases.jsonl", scorers());
  }

  static Map<String, Scorer> scorers() {
    VisionScorersAutoConfiguration config = new VisionScorersAutoConfiguration();
    VisionProperties props = new VisionProperties(null, null);
    return Stream.of(
            config.detectionScorer(props),
            config.groundingScorer(props),
            config.classificationScorer(props),
            config.guiActionScorer(props))
        .collect(Collectors.toMap(Scorer::id, Function.identity()));
  }

  @Override
  protected boolean componentOrderMatters() {
    return true;
  }

  @Test
  void cases_coverEveryScorerAndHaveUniqueNames() throws IOException {
    List<Map<String, Object>> all = allCases();
    assertThat(all).hasSizeGreaterThanOrEqualTo(30);
    assertThat(all.stream().map(c -> c.get("name")).distinct().count()).isEqualTo(all.size());
    assertThat(all.stream().map(c -> (String) c.get("scorer")).distinct())
        .containsExactlyInAnyOrder("detection", "grounding", "classification", "gui-action");
  }
}
