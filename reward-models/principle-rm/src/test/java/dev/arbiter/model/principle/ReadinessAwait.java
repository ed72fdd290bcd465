package dev.arbiter.model.principle;

import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Clients for the service under test, and polling of {@code /actuator/health/readiness}. */
final class ReadinessAwait {

  private ReadinessAwait() {}

  /** A client for the service on {@code port}, returned once the service is ready. */
  static WebTestClient readyClient(int port) {
    WebTestClient client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    if (!waitUntilReady(client, Duration.ofSeconds(60))) {
      throw new IllegalStateException("service did not become ready within 60 s");
    }
    return client;
  }

  /** Polls readiness until it answers 200 or {@code limit} passes; true when ready. */
  static boolean waitUntilReady(WebTestClient client, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (readinessStatus(client) == 200) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return false;
  }

  static int readinessStatus(WebTestClient client) {
    return client
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .returnResult(String.class)
        .getStatus()
        .value();
  }
}
