package dev.arbiter.model.principle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Readiness stays OUT_OF_SERVICE while the backend warms up, and turns UP when it is done. */
@SpringBootTest(
    classes = {PrincipleRmApplication.class, WarmupReadinessIT.SlowWarmup.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarmupReadinessIT {

  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @TestConfiguration
  static class SlowWarmup {
    @Bean
    RewardBackend slowBackend() {
      return new ScriptedBackend(
          "scripted backend with a warm-up the test releases",
          1.0,
          () -> {
            try {
              RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
  }

  @LocalServerPort int port;

  @Test
  void readiness_outOfServiceUntilWarmThenUp() {
    WebTestClient client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(java.time.Duration.ofSeconds(60))
            .build();
    expectOutOfService(client, "/actuator/health/readiness");
    client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    // the aggregate health includes readiness: tools waiting for {"status":"UP"} wait for warm-up
    expectOutOfService(client, "/actuator/health");

    RELEASE.countDown();
    ReadinessAwait.awaitReady(client, Duration.ofSeconds(10));
    client.get().uri("/actuator/health").exchange().expectStatus().isOk();
  }

  private static void expectOutOfService(WebTestClient client, String uri) {
    client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("OUT_OF_SERVICE");
  }
}
