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
 * as decimal numbers (no extraction, no symbolic equivalence); {@code scripted} gives rewards a
 * test can predict whatever the policy writes (reference {@code {"mode": ...}}): {@code floor} 0,
 * {@code solved} 1, {@code mixed} 1 only for the first rollout of a group (item id ending in {@code
 * -r0}), {@code marker} the position of the last {@value #MARKER} in the response / 10 (0 without
 * one: an MRT forced answer from a prefix of length n scores n / 10). reward-server serves both
 * over HTTP.
 */
@SpringBootApplication
public class MathScorerTestApp {

  /** Runs the test scorer standalone, for the demo before a gateway exists. */
  public static void main(String[] args) {
    org.springframework.boot.SpringApplication.run(MathScorerTestApp.class, args);
  }

  /** What {@code marker} mode looks for. */
  public static final String MARKER = "#END#";

  @Bean
  Scorer scripted() {
    return new Scorer() {
      @Override
      public ScorerDescriptor descriptor() {
        return new ScorerDescriptor(
            "scripted", "scripted/test", "rewards scripted by reference.mode", Map.of(), Map.of());
      }

      @Override
      public ScoreResult score(ScoreItem item) {
        String mode = String.valueOf(item.reference().get("mode"));
        double reward =
            switch (mode) {
              case "floor" -> 0;
              case "solved" -> 1;
              case "mixed" -> item.id().endsWith("-r0") ? 1 : 0;
              case "marker" -> Math.max(0, item.response().lastIndexOf(MARKER)) / 10.0;
              default -> Double.NaN;
            };
        if (Double.isNaN(reward)) {
          return ScoreResult.invalidReference(item.id(), "unknown mode " + mode);
        }
        return ScoreResult.ok(item.id(), reward, Map.of(), Map.of());
      }
    };
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
