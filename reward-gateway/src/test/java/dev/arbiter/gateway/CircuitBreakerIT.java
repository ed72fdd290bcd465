package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.gateway.routing.ResilientBackend;
import dev.arbiter.gateway.support.Apps;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A backend that is down: calls fail, the circuit opens and fails fast, then recovers. Asserts on
 * the breaker's states and counts, never on elapsed time: the open window is long enough never to
 * end by itself during the test, and its end is brought about explicitly, as a clock would.
 */
class CircuitBreakerIT {

  ConfigurableApplicationContext gateway;
  ConfigurableApplicationContext backend;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void downBackend_opensCircuit_failsFast_andRecoversWhenItReturns() {
    int port = Apps.freePort();
    gateway =
        Apps.gateway(
            "arbiter.gateway.backends.flaky.url=http://127.0.0.1:" + port,
            "arbiter.gateway.backends.flaky.scorers=echo",
            "arbiter.gateway.backends.flaky.resilience.retry-attempts=1",
            "arbiter.gateway.backends.flaky.resilience.minimum-calls=2",
            "arbiter.gateway.backends.flaky.resilience.sliding-window=2",
            "arbiter.gateway.backends.flaky.resilience.open-duration=1h",
            // every call reaches the breaker (a cached verdict would not)
            "arbiter.gateway.cache.enabled=false");
    CircuitBreaker breaker =
        gateway
            .getBean(ResilientBackend.Registries.class)
            .circuitBreakers()
            .circuitBreaker("flaky");
    RewardClient client =
        RewardClient.create("http://127.0.0.1:" + Apps.port(gateway), Duration.ofSeconds(30));

    ScoreResult first = call(client);
    assertThat(first.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
    assertThat(first.mask()).isTrue();
    assertThat(first.details().get("reason").toString()).contains("is unreachable");
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    call(client);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);

    ScoreResult open = call(client);
    assertThat(open.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
    assertThat(open.mask()).isTrue();
    assertThat(open.details().get("reason").toString()).contains("circuit is open");
    // failing fast: the breaker refused the call, nothing was sent
    assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);

    backend = Apps.scorerService(port);
    // each time the breaker is open, its window ends (as a clock would end it): it lets probes
    // through, and closes once they succeed
    ScoreResult recovered =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  if (breaker.getState() == CircuitBreaker.State.OPEN) {
                    breaker.transitionToHalfOpenState();
                  }
                  return call(client);
                },
                r ->
                    r.status() == ScoreStatus.OK
                        && breaker.getState() == CircuitBreaker.State.CLOSED);
    assertThat(recovered.reward()).isEqualTo(0.5);
    assertThat(recovered.mask()).isFalse();
    assertThat(call(client).status()).isEqualTo(ScoreStatus.OK);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  private static ScoreResult call(RewardClient client) {
    ScoreResponse response =
        client
            .score(
                ScoreRequest.of(
                    List.of(new ScoreItem("i", "echo", null, "0.5", Map.of(), Map.of(), null))))
            .join();
    return response.results().get(0);
  }
}
