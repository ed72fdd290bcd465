package dev.arbiter.verifier.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.Scorer;
import dev.arbiter.server.contract.ScorerConformanceContract;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The named cases of {@code conformance/rules_cases.jsonl}, one JSON case per line: {@code name},
 * {@code scorer}, {@code source} (the paper or the authors' code file it reproduces, or the
 * contract rule it checks), {@code response}, {@code reference}, {@code options} and {@code
 * expected} ({@code status}, {@code reward}, optional {@code components}, {@code reason_contains}).
 * Every bug found becomes a case there. {@link ScorerConformanceContract} runs them.
 */
class RulesConformanceTest extends ScorerConformanceContract {

  RulesConformanceTest() {
    super("/conformance/rules_cases.jsonl", scorers());
  }

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

  @Test
  void cases_coverEveryScorerWithAtLeastFifteenNamedSourcedCases() throws IOException {
    List<Map<String, Object>> all = allCases();
    assertThat(all.stream().map(c -> c.get("name")).distinct().count()).isEqualTo(all.size());
    assertThat(all).allSatisfy(c -> assertThat((String) c.get("source")).isNotBlank());
    Map<Object, Long> perScorer =
        all.stream().collect(Collectors.groupingBy(c -> c.get("scorer"), Collectors.counting()));
    assertThat(perScorer.keySet()).isEqualTo(Set.copyOf(scorers().keySet()));
    assertThat(perScorer.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(15));
  }
}
