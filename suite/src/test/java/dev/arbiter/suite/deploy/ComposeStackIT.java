package dev.arbiter.suite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The docker-compose stack for real: builds the images, waits for health, and scores a detection
 * item through the gateway into vision-iou over the compose network. Skipped (reported as skipped)
 * where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {

  @Container
  static final ComposeContainer STACK =
      new ComposeContainer(new File(RepoFiles.root().toFile(), "docker-compose.yml"))
          .withBuild(true)
          .withServices("vision-iou", "reward-gateway")
          .withExposedService(
              "reward-gateway", 8080, Wait.forHttp("/actuator/health/readiness").forStatusCode(200))
          .withStartupTimeout(Duration.ofMinutes(15));

  @Test
  void gatewayRoutesToVisionIouOverTheComposeNetwork() throws Exception {
    String base =
        "http://"
            + STACK.getServiceHost("reward-gateway", 8080)
            + ":"
            + STACK.getServicePort("reward-gateway", 8080);
    String body =
        """
        {"items":[{"id":"a","scorer":"grounding","response":"<answer>[10,10,50,50]</answer>",
                   "reference":{"box":[10,10,50,50]}}]}""";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/v1/score"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"ok\"").contains("\"reward\":1.0");
  }
}
