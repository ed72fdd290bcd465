package dev.arbiter.verifier.rules;

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
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The named cases of {@code conformance/rules_cases.jsonl}, one JSON case per line: {@code name},
 * {@code scorer}, {@code source} (the paper or the authors' code file it reproduces, or the
 * contract rule it checks), {@code response}, {@code reference}, {@code options} and {@code
 * expected} ({@code status}, {@code reward}, optional {@code components}, {@code reason_contains}).
 * Every bug found becomes a case there.
 */
class RulesConformanceTest {

  private static final String CASES = "/conformance/rules_cases.jsonl";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, Scorer> SCORERS = scorers();

  static Map<String, Scorer> scorers() {
    RulesScorersAutoConfiguration config = new RulesScorersAutoConfiguration();
    RulesProperties props = new RulesProperties(null, null);
    return Stream.<Scorer>of(
            config.truthfulnessScorer(props),
            config.toolCallScorer(props),
            config.webActionScorer(props),
            config.critiqueScorer(props),
            config.formatScorer(props),
            config.lengthScorer(),
            config.repetitionScorer(props),
            config.reasoningStepsScorer(props))
        .collect(Collectors.toMap(Scorer::id, Function.identity()));
  }

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = RulesConformanceTest.class.getResourceAsStream(CASES)) {
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
  void cases_coverEveryScorerWithAtLeastFifteenNamedSourcedCases() throws IOException {
    List<Map<String, Object>> all = cases().map(a -> caseOf(a.get()[1])).toList();
    assertThat(all.stream().map(c -> c.get("name")).distinct().count()).isEqualTo(all.size());
    assertThat(all).allSatisfy(c -> assertThat((String) c.get("source")).isNotBlank());
    Map<Object, Long> perScorer =
        all.stream().collect(Collectors.groupingBy(c -> c.get("scorer"), Collectors.counting()));
    assertThat(perScorer.keySet()).isEqualTo(Set.copyOf(SCORERS.keySet()));
    assertThat(perScorer.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(15));
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
          .containsExactlyInAnyOrderElementsOf((Set<String>) components.keySet());
      components.forEach(
          (k, v) ->
              assertThat(result.components().get(k))
                  .as("component %s", k)
                  .isCloseTo(((Number) v).doubleValue(), within(1e-9)));
    }
    assertThat(result.details()).containsKey("reason");
    if (expected.get("reason_contains") instanceof String reason) {
      assertThat((String) result.details().get("reason")).contains(reason);
    }
  }
}
