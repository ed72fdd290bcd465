package dev.arbiter.model.principle;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Clients for the service under test, and waiting on {@code /actuator/health/readiness}. */
final class ReadinessAwait {

  private ReadinessAwait() {}

  /** A client for the service on {@code port}, returned once the service is ready. */
  static WebTestClient readyClient(int port) {
    WebTestClient client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    awaitReady(client, Duration.ofSeconds(60));
    return client;
  }

  /** Waits until readiness answers 200; fails the test when {@code limit} passes first. */
  static void awaitReady(WebTestClient client, Duration limit) {
    await("readiness")
        .atMost(limit)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> readinessStatus(client) == 200);
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
