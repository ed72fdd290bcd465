package dev.arbiter.verifier.code;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Without bubblewrap the service starts, says DOWN, and masks items instead of scoring 0. */
@SpringBootTest(
    classes = CodeSandboxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.code.bwrap=/nonexistent/bwrap",
      "arbiter.code.scratch-dir=${java.io.tmpdir}/arbiter-sandbox-down",
      "management.endpoint.health.show-details=always"
    })
@AutoConfigureWebTestClient(timeout = "PT60S")
class SandboxUnavailableIT {

  @Autowired WebTestClient client;

  @Test
  void health_isDownNamingBubblewrap() {
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("DOWN")
        .jsonPath("$.components.sandbox.details.reason")
        .value(
            r ->
                org.assertj.core.api.Assertions.assertThat((String) r)
                    .contains("bubblewrap")
                    .contains("not installed"));
  }

  @Test
  void languages_andScoreSayUnavailable() {
    ServiceCalls.languages(client)
        .jsonPath("$.sandbox_available")
        .isEqualTo(false)
        .jsonPath("$.languages[0].available")
        .isEqualTo(false);
    ServiceCalls.score(
            client,
            """
            {"items":[{"id":"a","scorer":"code","response":"```python\\nprint(1)\\n```",
              "reference":{"language":"python","tests":[{"stdin":"","stdout":"1\\n"}]}}]}""")
        .jsonPath("$.results[0].status")
        .isEqualTo("scorer_unavailable")
        .jsonPath("$.results[0].mask")
        .isEqualTo(true)
        .jsonPath("$.results[0].reward")
        .isEmpty();
  }
}
