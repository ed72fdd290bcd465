package dev.arbiter.suite;

import static dev.arbiter.server.contract.ProblemAssertions.expectHealthUp;
import static dev.arbiter.server.contract.ProblemAssertions.expectInvalidRequestAt;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The one-process suite: every scorer module on the classpath answers through the gateway. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "logging.level.org.matheclipse=error")
@AutoConfigureWebTestClient(timeout = "PT60S")
class ArbiterSuiteIT {

  @Autowired WebTestClient client;

  /** Module defaults reach the running suite: math's log levels, a user's setting above them. */
  @Test
  void moduleDefaults_appliedInTheSuite_userSettingsWin() {
    org.slf4j.Logger jas = org.slf4j.LoggerFactory.getLogger("edu.jas.poly");
    org.slf4j.Logger symja = org.slf4j.LoggerFactory.getLogger("org.matheclipse.core");
    org.assertj.core.api.Assertions.assertThat(jas.isInfoEnabled()).isFalse();
    org.assertj.core.api.Assertions.assertThat(jas.isWarnEnabled()).isTrue();
    org.assertj.core.api.Assertions.assertThat(symja.isWarnEnabled()).isFalse();
    org.assertj.core.api.Assertions.assertThat(symja.isErrorEnabled()).isTrue();
    client
        .get()
        .uri("/v1/profiles")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$['visual-rft']")
        .exists()
        .jsonPath("$['r1-shaped-math']")
        .exists();
  }

  @Test
  void score_visionScorersInProcess_withGroups() {
    client
        .post()
        .uri("/v1/score")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"items":[
              {"id":"r1","scorer":"grounding","group":"q1",
               "response":"<think>left</think><answer>[10,28,120,142]</answer>",
               "reference":{"box":[10,28,120,142]}},
              {"id":"r2","scorer":"grounding","group":"q1",
               "response":"<think>right</think><answer>[300,300,340,360]</answer>",
               "reference":{"box":[10,28,120,142]}},
              {"id":"r3","scorer":"classification",
               "response":"<think>fur</think><answer>golden retriever</answer>",
               "reference":{"label":"golden retriever"}}
            ]}""")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].components.iou")
        .isEqualTo(1.0)
        .jsonPath("$.results[1].components.iou")
        .isEqualTo(0.0)
        .jsonPath("$.results[2].components.accuracy")
        .isEqualTo(1.0)
        .jsonPath("$.groups.q1.zero_variance")
        .isEqualTo(false)
        .jsonPath("$.groups.q1.dr_grpo_advantages.r1")
        .isEqualTo(0.5);
    client
        .get()
        .uri("/v1/scorers")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[*].id")
        .value(
            ids ->
                org.assertj.core.api.Assertions.assertThat(ids.toString())
                    .contains("detection", "grounding", "classification", "gui-action"));
  }

  @Test
  void score_principleScorerInProcess() {
    client
        .post()
        .uri("/v1/score")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"items":[{"id":"p1","scorer":"principle","prompt":"How do I boil an egg?",
              "response":"Boil it for nine minutes, then cool it in cold water.",
              "options":{"mode":"per_principle"}}]}""")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].scorer")
        .isEqualTo("principle-rm/0.1.0")
        .jsonPath("$.results[0].components.helpful")
        .isNumber()
        .jsonPath("$.results[0].details.zero_shot_demo")
        .isEqualTo(true);
  }

  @Test
  void score_optionsAnInProcessScorerRefusesAreInvalidRequestForThatItem() {
    WebTestClient.BodyContentSpec body =
        client
            .post()
            .uri("/v1/score")
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
            .bodyValue(
                """
                {"items":[{"id":"p1","scorer":"principle","prompt":"q","response":"a",
                  "options":{"principle_set":"no-such-set"}},
                  {"id":"m1","scorer":"math","response":"\\\\boxed{2}","reference":{"answer":"2"}}]}""")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody();
    expectInvalidRequestAt(body, 0, "no-such-set").jsonPath("$.results[1].status").isEqualTo("ok");
  }

  @Test
  void health_isUp() {
    // Model scorers (principle-rm) hold readiness, and with it the aggregate health, until their
    // warm-up batches ran: give them time on a loaded machine.
    org.awaitility.Awaitility.await("aggregate health 200")
        .atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(
            () ->
                client
                        .get()
                        .uri("/actuator/health")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value()
                    == 200);
    expectHealthUp(client);
  }
}
