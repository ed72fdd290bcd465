package dev.arbiter.server;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A service hosting one scripted scorer: "echo" rewards the response parsed as a number; it refuses
 * the option {@code {"mode": "bogus"}} in {@link Scorer#checkRequest}.
 */
@SpringBootApplication
public class TestScorerApp {

  @Bean
  Scorer echoScorer() {
    return new Scorer() {
      @Override
      public ScorerDescriptor descriptor() {
        return new ScorerDescriptor(
            "echo", "echo/1", "reward = response as a number", Map.of(), Map.of());
      }

      @Override
      public void checkRequest(ScoreItem item) {
        if ("bogus".equals(item.options().get("mode"))) {
          throw new RequestProblem(ProblemType.INVALID_REQUEST, "mode 'bogus' is unknown");
        }
      }

      @Override
      public ScoreResult score(ScoreItem item) {
        if ("boom".equals(item.response())) {
          throw new IllegalStateException("scripted failure");
        }
        if (item.reference().containsKey("broken")) {
          return ScoreResult.invalidReference(item.id(), "reference is broken");
        }
        try {
          double r = Double.parseDouble(item.response());
          return ScoreResult.ok(item.id(), r, Map.of("echo", r), Map.of("reason", "parsed"));
        } catch (NumberFormatException e) {
          return ScoreResult.ok(
              item.id(), 0, Map.of("echo", 0.0), Map.of("reason", "not a number"));
        }
      }
    };
  }
}
