package dev.arbiter.testing.scorer;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A scorer service for tests: {@code math} compares the trimmed response with the reference answer
 * as decimal numbers (no extraction, no symbolic equivalence). reward-server serves it over HTTP.
 */
@SpringBootApplication
public class MathScorerTestApp {

  /** Runs the test scorer standalone, for the demo before a gateway exists. */
  public static void main(String[] args) {
    org.springframework.boot.SpringApplication.run(MathScorerTestApp.class, args);
  }

  @Bean
  Scorer exactMath() {
    return new Scorer() {
      @Override
      public ScorerDescriptor descriptor() {
        return new ScorerDescriptor(
            "math", "exact-math/test", "exact numeric comparison", Map.of(), Map.of());
      }

      @Override
      public ScoreResult score(ScoreItem item) {
        Object gold = item.reference().get("answer");
        BigDecimal expected;
        try {
          expected = new BigDecimal(String.valueOf(gold).strip());
        } catch (NumberFormatException e) {
          return ScoreResult.invalidReference(item.id(), "answer is not a number");
        }
        try {
          boolean equal = new BigDecimal(item.response().strip()).compareTo(expected) == 0;
          return ScoreResult.ok(
              item.id(), equal ? 1 : 0, Map.of("math", equal ? 1.0 : 0.0), Map.of());
        } catch (NumberFormatException e) {
          return ScoreResult.ok(item.id(), 0, Map.of("math", 0.0), Map.of("reason", "no number"));
        }
      }
    };
  }
}
