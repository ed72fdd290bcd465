package dev.arbiter.gateway.openrlhf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.gateway.support.Apps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code POST /get_reward} through a gateway in front of a real scorer service and a dead one. */
class OpenRlhfEndpointIT {

  static ConfigurableApplicationContext scorers;
  static ConfigurableApplicationContext failing;
  static ConfigurableApplicationContext nullReward;
  static WebTestClient failingClient;
  static WebTestClient nullRewardClient;

  @BeforeAll
  static void start() {
    scorers = Apps.scorerService(0);
    String remote = "http://127.0.0.1:" + Apps.port(scorers);
    String dead = "http://127.0.0.1:" + Apps.freePort();
    List<String> common =
        List.of(
            "arbiter.gateway.backends.remote.url=" + remote,
            "arbiter.gateway.backends.remote.scorers=echo,classification",
            "arbiter.gateway.backends.dead.url=" + dead,
            "arbiter.gateway.backends.dead.scorers=gone",
            "arbiter.gateway.backends.dead.resilience.retry-attempts=1",
            "arbiter.gateway.backends.dead.resilience.open-duration=7s",
            "arbiter.gateway.openrlhf.scorer=echo",
            "arbiter.gateway.openrlhf.components=value");
    failing = Apps.gateway(common.toArray(String[]::new));
    nullReward =
        Apps.gateway(
            concat(common, "arbiter.gateway.openrlhf.on-masked=null-reward")
                .toArray(String[]::new));
    failingClient = client(failing);
    nullRewardClient = client(nullReward);
  }

  private static List<String> concat(List<String> list, String extra) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(extra))
        .toList();
  }

  private static WebTestClient client(ConfigurableApplicationContext app) {
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + Apps.port(app))
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  @AfterAll
  static void stop() {
    failing.close();
    nullReward.close();
    scorers.close();
  }

  private static WebTestClient.ResponseSpec post(WebTestClient client, String body) {
    return client
        .post()
        .uri("/get_reward")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  @Test
  void getReward_perLabelScorer_truncatedPrompt_unseparableQuery_fixedKeys() {
    String prompt = "<|user|>Rate this and answer with one number please.<|assistant|>";
    post(
            failingClient,
            """
            {"query":["%s3", "%s2", "I cannot tell 2", "<answer>cat</answer>"],
             "prompts":["%s", "%s", "%s", ""],
             "labels":["3", 2, "x", {"scorer":"classification","reference":{"label":"cat"}}]}"""
                .formatted(prompt, prompt.substring(20), prompt, prompt, prompt))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.rewards")
        .isEqualTo(List.of(3.0, 2.0, 0.0, 1.0))
        .jsonPath("$.scores")
        .isEqualTo(List.of(3.0, 2.0, 0.0, 1.0))
        .jsonPath("$.extra_logs.valid")
        .isEqualTo(List.of(1, 1, 0, 1))
        .jsonPath("$.extra_logs.prompt_truncated")
        .isEqualTo(List.of(0, 1, 0, 0))
        .jsonPath("$.extra_logs.masked")
        .isEqualTo(List.of(0, 0, 0, 0))
        .jsonPath("$.extra_logs.value")
        .isEqualTo(List.of(3.0, 2.0, 0.0, 0.0));
  }

  @Test
  void getReward_allInvalidShard_hasTheSameExtraLogKeys() {
    post(
            failingClient,
            """
            {"query":["p1"], "prompts":["p"], "labels":[{"broken": true}]}""")
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .value(
            body ->
                assertThat(List.copyOf(((Map<?, ?>) body.get("extra_logs")).keySet()))
                    .isEqualTo(List.of("valid", "masked", "prompt_truncated", "value")));
  }

  @Test
  void getReward_mismatchedLengths_is400Problem() {
    post(failingClient, "{\"query\":[\"a\",\"b\"],\"prompts\":[\"a\",\"b\"],\"labels\":[\"1\"]}")
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("same length").contains("2, 2 and 1"));
  }

  @Test
  void getReward_maskedItem_fails503WithRetryAfterOfTheBreakerWindow() {
    post(
            failingClient,
            """
            {"query":["p1", "p2"], "prompts":["p", "p"],
             "labels":["1", {"scorer":"gone","reference":{}}]}""")
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "7")
        .expectBody()
        .jsonPath("$.masked")
        .isEqualTo(List.of(1));
  }

  @Test
  void getReward_maskedItem_nullRewardPolicy_flagsItInsteadOfFailing() {
    post(
            nullRewardClient,
            """
            {"query":["p1", "p2"], "prompts":["p", "p"],
             "labels":["1", {"scorer":"gone","reference":{}}]}""")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.rewards")
        .isEqualTo(List.of(1.0, 0.0))
        .jsonPath("$.extra_logs.valid")
        .isEqualTo(List.of(1, 0))
        .jsonPath("$.extra_logs.masked")
        .isEqualTo(List.of(0, 1));
  }
}
