package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.gateway.support.Apps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A backend that is down: calls fail, the circuit opens and fails fast, then recovers. */
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
            "arbiter.gateway.backends.flaky.resilience.open-duration=500ms");
    RewardClient client =
        RewardClient.create("http://127.0.0.1:" + Apps.port(gateway), Duration.ofSeconds(10));

    ScoreResult first = call(client);
    assertThat(first.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
    assertThat(first.mask()).isTrue();
    assertThat(first.details().get("reason").toString()).contains("is unreachable");
    call(client);

    long start = System.nanoTime();
    ScoreResult open = call(client);
    assertThat(open.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
    assertThat(open.details().get("reason").toString()).contains("circuit is open");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

    backend = Apps.scorerService(port);
    ScoreResult recovered = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      recovered = call(client);
      if (recovered.status() == ScoreStatus.OK) {
        break;
      }
      pause();
    }
    assertThat(recovered).isNotNull();
    assertThat(recovered.status()).isEqualTo(ScoreStatus.OK);
    assertThat(recovered.reward()).isEqualTo(0.5);
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

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
