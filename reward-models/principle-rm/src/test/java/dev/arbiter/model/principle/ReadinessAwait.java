package dev.arbiter.model.principle;

import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Polls {@code /actuator/health/readiness} until the model is warm. */
final class ReadinessAwait {

  private ReadinessAwait() {}

  static void untilReady(WebTestClient client) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      int status =
          client
              .get()
              .uri("/actuator/health/readiness")
              .exchange()
              .returnResult(String.class)
              .getStatus()
              .value();
      if (status == 200) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("service did not become ready within 60 s");
  }
}
