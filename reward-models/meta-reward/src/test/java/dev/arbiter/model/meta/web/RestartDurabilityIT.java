package dev.arbiter.model.meta.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.model.judge.testing.ScriptedJudgeServer;
import dev.arbiter.model.meta.MetaRewardApplication;
import dev.arbiter.model.meta.ScriptedModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Stops the service mid-history and starts it again on the same H2 file: every version, with its
 * provenance, survives, and the restarted service judges with the latest one. The second start has
 * no judge configured: it still starts, lists the history, and answers items {@code
 * scorer_unavailable}, masked.
 */
class RestartDurabilityIT {

  @TempDir Path dir;

  ConfigurableApplicationContext start(String judgeUrl) {
    // command-line arguments, so that they win over application.yml (server.port=8085)
    return new SpringApplicationBuilder(MetaRewardApplication.class)
        .run(
            "--server.port=0",
            "--arbiter.rubric.database.h2-file=" + dir.resolve("rubrics"),
            "--arbiter.rubric.judge.base-url=" + judgeUrl,
            "--arbiter.rubric.judge.model=judge-7b",
            "--arbiter.rubric.refinement.every=0");
  }

  static WebTestClient client(ConfigurableApplicationContext ctx) {
    int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  static List<?> versions(WebTestClient c) {
    return c.get()
        .uri("/v1/rubrics/t/versions")
        .exchange()
        .expectBody(List.class)
        .returnResult()
        .getResponseBody();
  }

  static final String SCORE =
      "{\"items\": [{\"id\": \"a\", \"scorer\": \"rubric\", \"response\": \"PERFECT\","
          + " \"reference\": {\"task\": \"t\"}}]}";

  @Test
  void restart_keepsTheWholeHistoryAndServesTheLatestVersion() {
    List<?> before;
    try (ScriptedJudgeServer judge = ScriptedJudgeServer.start().respondWith(new ScriptedModels());
        ConfigurableApplicationContext first = start(judge.baseUrl())) {
      WebTestClient c = client(first);
      c.put()
          .uri("/v1/rubrics/t")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(
              "{\"description\": \"d\", \"items\": [{\"criterion\": \"Clear.\", \"max_points\": 2}]}")
          .exchange()
          .expectStatus()
          .isCreated();
      c.post().uri("/v1/score").contentType(MediaType.APPLICATION_JSON).bodyValue(SCORE).exchange();
      c.post()
          .uri("/v1/rubrics/t/refine")
          .exchange()
          .expectBody()
          .jsonPath("$.version")
          .isEqualTo(2);
      before = versions(c);
    }

    try (ConfigurableApplicationContext second = start("")) {
      WebTestClient c = client(second);
      List<?> after = versions(c);
      assertThat(after).isEqualTo(before).hasSize(2);
      c.get()
          .uri("/v1/rubrics/t")
          .exchange()
          .expectBody()
          .jsonPath("$.version")
          .isEqualTo(2)
          .jsonPath("$.author")
          .isEqualTo("meta-model:judge-7b")
          .jsonPath("$.analysis")
          .isEqualTo(new ScriptedModels().analysis);
      c.get().uri("/v1/rubrics").exchange().expectBody().jsonPath("$.ready").isEqualTo(false);
      c.get()
          .uri("/v1/scorers")
          .exchange()
          .expectBody()
          .jsonPath("$[?(@.id == 'rubric')].description")
          .value(d -> assertThat(d.toString()).contains("NOT READY"));
      c.post()
          .uri("/v1/score")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(SCORE)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.results[0].status")
          .isEqualTo("scorer_unavailable")
          .jsonPath("$.results[0].mask")
          .isEqualTo(true)
          .jsonPath("$.results[0].reward")
          .isEmpty()
          .jsonPath("$.results[0].details.reason")
          .value(r -> assertThat((String) r).contains("no judge configured"));
      c.get()
          .uri("/actuator/health")
          .exchange()
          .expectBody(Map.class)
          .value(h -> assertThat(h.get("status")).isEqualTo("UP"));
    }
  }
}
