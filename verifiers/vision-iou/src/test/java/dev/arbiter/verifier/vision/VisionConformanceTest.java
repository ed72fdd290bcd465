package dev.arbiter.verifier.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The named cases of {@code conformance/vision_cases.jsonl}, one JSON case per line: {@code name},
 * {@code scorer}, {@code response}, {@code reference}, {@code options} and {@code expected} ({@code
 * status}, {@code reward}, optional {@code components}, {@code reason_contains}, {@code details}).
 * Every bug found becomes a case there.
 */
class VisionConformanceTest {

  private static final String CASES = "/conformance/vision_cases.jsonl";
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final Map<String, Scorer> SCORERS = scorers();

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

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = VisionConformanceTest.class.getResourceAsStream(CASES)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text
          .lines()
          .filter(l -> !l.isBlank())
          .map(l -> JSON.readValue(l, new TypeReference<Map<String, Object>>() {}))
          .map(c -> Arguments.of(c.get("name"), c))
          .toList()
          .stream();
    }
  }

  @Test
  void cases_coverEveryScorerAndHaveUniqueNames() throws IOException {
    List<Map<String, Object>> all = cases().map(a -> caseOf(a.get()[1])).toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(30);
    assertThat(all.stream().map(c -> c.get("name")).distinct().count()).isEqualTo(all.size());
    assertThat(all.stream().map(c -> (String) c.get("scorer")).distinct())
        .containsExactlyInAnyOrder("detection", "grounding", "classification", "gui-action");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> caseOf(Object o) {
    return (Map<String, Object>) o;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void score_matchesConformanceCase(String name, Map<String, Object> c) {
    Scorer scorer = SCORERS.get((String) c.get("scorer"));
    ScoreItem item =
        new ScoreItem(
            name,
            scorer.id(),
            null,
            (String) c.get("response"),
            (Map<String, Object>) c.get("reference"),
            (Map<String, Object>) c.get("options"),
            null);
    Map<String, Object> expected = (Map<String, Object>) c.get("expected");

    ScoreResult result = scorer.score(item);

    assertThat(result.id()).isEqualTo(name);
    assertThat(result.status().wire())
        .as("status, details %s", result.details())
        .isEqualTo(expected.get("status"));
    assertThat(result.mask()).isFalse();
    if (expected.get("reward") == null) {
      assertThat(result.reward()).isNull();
    } else {
      assertThat(result.reward())
          .as("reward, details %s", result.details())
          .isCloseTo(((Number) expected.get("reward")).doubleValue(), within(1e-9));
    }
    if (expected.get("components") instanceof Map<?, ?> components) {
      assertThat(result.components().keySet())
          .containsExactlyElementsOf((java.util.Set<String>) components.keySet());
      components.forEach(
          (k, v) ->
              assertThat(result.components().get(k))
                  .as("component %s", k)
                  .isCloseTo(((Number) v).doubleValue(), within(1e-9)));
    }
    if (expected.get("reason_contains") instanceof String reason) {
      assertThat((String) result.details().get("reason")).contains(reason);
    } else {
      assertThat(result.details()).containsKey("reason");
    }
    if (expected.get("details") instanceof Map<?, ?> details) {
      details.forEach(
          (k, v) -> {
            Object actual = result.details().get(k);
            if (v instanceof Number n) {
              assertThat(((Number) actual).doubleValue())
                  .as("details.%s", k)
                  .isEqualTo(n.doubleValue());
            } else {
              assertThat(actual).as("details.%s", k).isEqualTo(v);
            }
          });
    }
  }
}
