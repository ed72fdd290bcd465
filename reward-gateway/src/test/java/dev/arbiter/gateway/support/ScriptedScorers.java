package dev.arbiter.gateway.support;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A scorer service's extra scorers for gateway tests. {@code echo}: the response parsed as a number
 * is the reward (0 if not a number); components {@code value} and {@code half}; a reference {@code
 * {"broken": true}} is an invalid reference; the option {@code {"mode": "bogus"}} is refused in
 * {@code checkRequest}. {@code spin}: burns CPU until interrupted (an infinite loop), declares a
 * worst case of 500 ms per item, and counts the interrupts it saw. {@code nap}: sleeps 400 ms per
 * item (slow but within its declared 2 s) and rewards 1.
 */
@Configuration(proxyBeanMethods = false)
public class ScriptedScorers {

  /** Calls of the echo scorer in this JVM, to observe the gateway's cache. */
  public static final AtomicInteger ECHO_CALLS = new AtomicInteger();

  /** Items of the spin scorer that started, and that stopped on an interrupt. */
  public static final AtomicInteger SPIN_STARTED = new AtomicInteger();

  public static final AtomicInteger SPIN_INTERRUPTED = new AtomicInteger();

  @Bean
  Scorer napScorer() {
    return new Scorer() {
      @Override
      public ScorerDescriptor descriptor() {
        return new ScorerDescriptor("nap", "nap/1", "slow but within budget", Map.of(), Map.of())
            .withTimeLimit(Duration.ofSeconds(2));
      }

      @Override
      public ScoreResult score(ScoreItem item) {
        try {
          Thread.sleep(400);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted");
        }
        return ScoreResult.ok(item.id(), 1.0, Map.of(), Map.of());
      }
    };
  }

  @Bean
  Scorer spinScorer() {
    return new Scorer() {
      @Override
      public ScorerDescriptor descriptor() {
        return new ScorerDescriptor("spin", "spin/1", "loops until interrupted", Map.of(), Map.of())
            .withTimeLimit(Duration.ofMillis(500));
      }

      @Override
      public ScoreResult score(ScoreItem item) {
        SPIN_STARTED.incrementAndGet();
        long spins = 0;
        while (!Thread.currentThread().isInterrupted()) {
          spins++;
        }
        SPIN_INTERRUPTED.incrementAndGet();
        return ScoreResult.ok(item.id(), spins, Map.of(), Map.of());
      }
    };
  }

  @Bean
  Scorer echoScorer() {
    return new Scorer() {
      @Override
      public ScorerDescriptor descriptor() {
        return new ScorerDescriptor(
            "echo", "echo/1", "the response as a number", Map.of(), Map.of());
      }

      @Override
      public void checkRequest(ScoreItem item) {
        if ("bogus".equals(item.options().get("mode"))) {
          throw new RequestProblem(ProblemType.INVALID_REQUEST, "mode 'bogus' is unknown");
        }
      }

      @Override
      public ScoreResult score(ScoreItem item) {
        ECHO_CALLS.incrementAndGet();
        if (item.reference().containsKey("broken")) {
          return ScoreResult.invalidReference(item.id(), "reference is broken");
        }
        double r;
        try {
          r = Double.parseDouble(item.response().trim());
        } catch (NumberFormatException e) {
          r = 0;
        }
        return ScoreResult.ok(
            item.id(), r, Map.of("value", r, "half", r / 2), Map.of("reason", "echo"));
      }
    };
  }
}
