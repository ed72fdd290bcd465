package dev.arbiter.server.contract;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a scorer module's conformance data: one named JSON case per line with {@code name}, {@code
 * scorer}, {@code response}, {@code reference}, {@code options} and {@code expected} ({@code
 * status}, {@code reward}, optional {@code components}, {@code reason_contains}, {@code details}).
 * Written once, fed from each module's data file; a module's test extends it, names its file and
 * its scorers, and adds its own check of what the file must cover.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ScorerConformanceContract {

  /** Reads the cases; {@code NaN} and {@code Infinity} are allowed in responses and references. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final String casesResource;
  private final Map<String, Scorer> scorers;

  /**
   * @param casesResource the class-path resource of the cases, e.g. {@code
   *     /conformance/rules_cases.jsonl}
   * @param scorers the scorers under test by id; every case names one of them
   */
  protected ScorerConformanceContract(String casesResource, Map<String, Scorer> scorers) {
    this.casesResource = casesResource;
    this.scorers = Map.copyOf(scorers);
  }

  /** Whether a case's {@code components} must come in the order the case lists them. */
  protected boolean componentOrderMatters() {
    return false;
  }

  /** Every case of the data file, in file order. */
  protected List<Map<String, Object>> allCases() throws IOException {
    try (InputStream in = getClass().getResourceAsStream(casesResource)) {
      assertThat(in).as("conformance cases %s", casesResource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .map(l -> JSON.readValue(l, new TypeReference<Map<String, Object>>() {}))
          .toList();
    }
  }

  protected Stream<Arguments> cases() throws IOException {
    return allCases().stream().map(c -> Arguments.of(c.get("name"), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void score_matchesConformanceCase(String name, Map<String, Object> c) {
    Scorer scorer = scorers.get((String) c.get("scorer"));
    assertThat(scorer).as("scorer %s of case %s", c.get("scorer"), name).isNotNull();
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
      assertComponents(result, (Map<String, Object>) components);
    }
    assertThat(result.details()).containsKey("reason");
    if (expected.get("reason_contains") instanceof String reason) {
      assertThat((String) result.details().get("reason")).contains(reason);
    }
    if (expected.get("details") instanceof Map<?, ?> details) {
      details.forEach((k, v) -> assertDetail(result, (String) k, v));
    }
  }

  private void assertComponents(ScoreResult result, Map<String, Object> components) {
    Set<String> keys = components.keySet();
    if (componentOrderMatters()) {
      assertThat(result.components().keySet()).containsExactlyElementsOf(keys);
    } else {
      assertThat(result.components().keySet()).containsExactlyInAnyOrderElementsOf(keys);
    }
    components.forEach(
        (k, v) ->
            assertThat(result.components().get(k))
                .as("component %s", k)
                .isCloseTo(((Number) v).doubleValue(), within(1e-9)));
  }

  private static void assertDetail(ScoreResult result, String key, Object expected) {
    Object actual = result.details().get(key);
    if (expected instanceof Number n) {
      assertThat(actual).as("details.%s", key).isInstanceOf(Number.class);
      assertThat(((Number) actual).doubleValue()).as("details.%s", key).isEqualTo(n.doubleValue());
    } else {
      assertThat(actual).as("details.%s", key).isEqualTo(expected);
    }
  }
}
