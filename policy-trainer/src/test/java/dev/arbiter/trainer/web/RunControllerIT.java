package dev.arbiter.trainer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.testing.scorer.MathScorerTestApp;
import dev.arbiter.trainer.PolicyTrainerApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
    classes = PolicyTrainerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class RunControllerIT {

  static ConfigurableApplicationContext scorer;
  static String scorerUrl;
  @TempDir static Path out;

  @Autowired WebTestClient client;

  @BeforeAll
  static void startScorer() {
    scorer = new SpringApplicationBuilder(MathScorerTestApp.class).run("--server.port=0");
    int scorerPort = ((WebServerApplicationContext) scorer).getWebServer().getPort();
    scorerUrl = "http://localhost:" + scorerPort;
  }

  @AfterAll
  static void stopScorer() {
    scorer.close();
  }

  private Map<String, Object> tiny(int steps) {
    return Map.ofEntries(
        Map.entry("gateway_url", scorerUrl),
        Map.entry("output_dir", out.toString()),
        Map.entry("embedding", 16),
        Map.entry("heads", 2),
        Map.entry("layers", 1),
        Map.entry("sft_steps", 5),
        Map.entry("sft_batch", 8),
        Map.entry("steps", steps),
        Map.entry("prompts_per_step", 2),
        Map.entry("group_size", 4),
        Map.entry("levels", List.of(1)),
        Map.entry("held_out", 4));
  }

  private String start(Map<String, Object> body) {
    return client
        .post()
        .uri("/v1/runs")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody()
        .get("id")
        .toString();
  }

  private String awaitEnd(String id) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      Map<?, ?> status =
          client
              .get()
              .uri("/v1/runs/" + id)
              .exchange()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();
      String state = status.get("state").toString();
      if (!state.equals("RUNNING") && !state.equals("STOPPING")) {
        return state;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("run " + id + " did not end");
  }

  @Test
  void runs_startStreamAndReport() throws Exception {
    String id = start(tiny(2));
    // a second run while one is active is refused
    client
        .post()
        .uri("/v1/runs")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(tiny(2))
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("a run is already active; stop it first");
    List<ServerSentEvent<String>> events =
        client
            .get()
            .uri("/v1/runs/" + id + "/stream")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
            .getResponseBody()
            .collectList()
            .block(Duration.ofSeconds(60));
    assertThat(events).extracting(ServerSentEvent::event).contains("sft", "grpo");
    assertThat(events.get(events.size() - 1).data()).contains("\"phase\":\"grpo\"", "\"loss\":");
    assertThat(awaitEnd(id)).isEqualTo("SUCCEEDED");
    client
        .get()
        .uri("/v1/runs/" + id)
        .exchange()
        .expectBody()
        .jsonPath("$.summary.grpo_steps")
        .isEqualTo(2)
        .jsonPath("$.summary.held_out_before")
        .isNumber();
    client
        .get()
        .uri("/v1/runs/" + id + "/metrics")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[-1].phase")
        .isEqualTo("grpo")
        .jsonPath("$[-1].loss")
        .isNumber();
  }

  @Test
  void stop_endsARunEarly() throws Exception {
    String id = start(tiny(500));
    client.post().uri("/v1/runs/" + id + "/stop").exchange().expectStatus().isAccepted();
    assertThat(awaitEnd(id)).isEqualTo("STOPPED");
  }

  @Test
  void badRequestsAreProblems() {
    client
        .post()
        .uri("/v1/runs")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("group_size", 1))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(d -> assertThat(d.toString()).contains("group_size should be >= 2"));
    client.get().uri("/v1/runs/nope").exchange().expectStatus().isNotFound();
  }
}
