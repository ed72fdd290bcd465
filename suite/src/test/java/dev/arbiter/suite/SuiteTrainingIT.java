package dev.arbiter.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The trainer hosted in the suite runs a short GRPO loop whose rewards come from the suite's own
 * gateway over HTTP (small model, few steps: the loop runs and the loss is finite). The tasks use a
 * scripted exact-match scorer so the test does not depend on which verifiers are on the classpath.
 */
@SpringBootTest(
    classes = {ArbiterSuite.class, SuiteTrainingIT.ExactScorer.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SuiteTrainingIT {

  @LocalServerPort int port;
  @TempDir static Path dir;

  @TestConfiguration
  static class ExactScorer {
    @Bean
    Scorer exactAnswer() {
      return new Scorer() {
        @Override
        public ScorerDescriptor descriptor() {
          return new ScorerDescriptor("exact-test", "exact-test/1", "exact", Map.of(), Map.of());
        }

        @Override
        public ScoreResult score(ScoreItem item) {
          boolean ok = item.response().strip().equals(item.reference().get("answer"));
          return ScoreResult.ok(item.id(), ok ? 1 : 0, Map.of(), Map.of());
        }
      };
    }
  }

  @Test
  void trainer_runsGrpoAgainstTheSuitesGateway() throws Exception {
    Path tasks = dir.resolve("tasks.jsonl");
    Files.writeString(
        tasks,
        """
        {"prompt": "1+1=", "reference": {"answer": "2"}, "scorer": "exact-test", "category": "a"}
        {"prompt": "2+3=", "reference": {"answer": "5"}, "scorer": "exact-test", "category": "a"}
        {"prompt": "4+4=", "reference": {"answer": "8"}, "scorer": "exact-test", "category": "b"}
        """);
    WebTestClient client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    Map<String, Object> body =
        Map.ofEntries(
            Map.entry("gateway_url", "http://localhost:" + port),
            Map.entry("output_dir", dir.toString()),
            Map.entry("dataset", tasks.toString()),
            Map.entry("embedding", 16),
            Map.entry("heads", 2),
            Map.entry("layers", 1),
            Map.entry("sft_steps", 3),
            Map.entry("sft_batch", 4),
            Map.entry("steps", 2),
            Map.entry("prompts_per_step", 2),
            Map.entry("group_size", 4),
            Map.entry("filter_zero_variance", false),
            Map.entry("held_out", 3));
    Map<?, ?> started =
        client
            .post()
            .uri("/v1/runs")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String id = started.get("id").toString();
    Map<?, ?> status =
        await("run " + id + " to end")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    client
                        .get()
                        .uri("/v1/runs/" + id)
                        .exchange()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody(),
                run -> !List.of("RUNNING", "STOPPING").contains(run.get("state").toString()));
    assertThat(status.get("state")).as("%s", status).isEqualTo("SUCCEEDED");
    Map<?, ?> last = (Map<?, ?>) status.get("last_step");
    assertThat(last.get("phase")).isEqualTo("grpo");
    assertThat(((Number) last.get("loss")).doubleValue()).isFinite();
    assertThat(((Number) last.get("kept")).intValue()).isEqualTo(8);
  }
}
