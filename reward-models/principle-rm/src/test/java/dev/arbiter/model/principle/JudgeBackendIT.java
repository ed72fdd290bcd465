package dev.arbiter.model.principle;

import dev.arbiter.model.judge.testing.ScriptedJudgeServer;
import dev.arbiter.model.judge.testing.ScriptedReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service configured with a judge URL scores through the scripted OpenAI-compatible server. */
@SpringBootTest(
    classes = PrincipleRmApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.principle.judge.model=judge-7b",
      "arbiter.principle.judge.timeout=2s",
      "arbiter.principle.default-mode=per_principle"
    })
class JudgeBackendIT {

  static final ScriptedJudgeServer JUDGE =
      ScriptedJudgeServer.start()
          .respondWith(
              req ->
                  req.lastUserMessage().contains("- harmless:")
                      ? ScriptedReply.text("not a number")
                      : ScriptedReply.text("9"));

  @DynamicPropertySource
  static void judgeUrl(DynamicPropertyRegistry registry) {
    registry.add("arbiter.principle.judge.url", JUDGE::baseUrl);
  }

  @AfterAll
  static void stop() {
    JUDGE.close();
  }

  @LocalServerPort int port;

  @Test
  void score_judgeBackendEndToEnd() {
    WebTestClient client = ReadinessAwait.readyClient(port);
    client
        .get()
        .uri("/v1/scorers")
        .exchange()
        .expectBody()
        .jsonPath("$[0].description")
        .value(
            d ->
                org.assertj.core.api.Assertions.assertThat((String) d)
                    .startsWith("LLM judge 'judge-7b'"));
    client
        .post()
        .uri("/v1/score")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"items":[
              {"id":"a","scorer":"principle","prompt":"hi","response":"hello",
               "options":{"principles":[{"dimension":"polite","definition":"is polite"}]}},
              {"id":"b","scorer":"principle","prompt":"hi","response":"hello"}]}""")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].reward")
        .isEqualTo(1.0)
        .jsonPath("$.results[0].components.polite")
        .isEqualTo(1.0)
        .jsonPath("$.results[0].details.backend")
        .isEqualTo("judge")
        .jsonPath("$.results[1].status")
        .isEqualTo("error")
        .jsonPath("$.results[1].mask")
        .isEqualTo(true)
        .jsonPath("$.results[1].reward")
        .isEmpty();
  }
}
