package dev.arbiter.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The default profiles built on the rules module, end to end through the gateway with every scorer
 * in-process. Expected numbers: open-r1's format, cosine (function defaults) and repetition
 * functions run on the same responses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class RulesProfilesIT {

  private static final double EPS = 1e-9;

  @Autowired WebTestClient client;

  private WebTestClient.BodyContentSpec score(String body) {
    return client
        .post()
        .uri("/v1/score")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody();
  }

  @Test
  void profiles_listsTheRulesProfiles() {
    client
        .get()
        .uri("/v1/profiles")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.truthrl.components[0].scorer")
        .isEqualTo("truthfulness")
        .jsonPath("$.toolrl.components[1].component")
        .isEqualTo("correctness")
        .jsonPath("$['r1-shaped-math'].components[2].scorer")
        .isEqualTo("length");
  }

  @Test
  void score_r1ShapedMath_cosineKeyedOnMathAccuracy() {
    score(
            """
            {"profile": "r1-shaped-math", "items": [
              {"id": "right", "group": "q",
               "response": "<think>\\nTwo plus two makes four.\\n</think>\\n<answer>\\n\\\\boxed{4}\\n</answer>",
               "reference": {"answer": "4"}},
              {"id": "wrong", "group": "q",
               "response": "The answer is \\\\boxed{5}. The answer is \\\\boxed{5}.",
               "reference": {"answer": "4"}}
            ]}""")
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].components.accuracy")
        .isEqualTo(1.0)
        .jsonPath("$.results[0].components.format")
        .isEqualTo(1.0)
        .jsonPath("$.results[0].components.cosine")
        .value(v -> assertThat(((Number) v).doubleValue()).isCloseTo(0.9939791904846869, within()))
        .jsonPath("$.results[0].components.repetition")
        .isEqualTo(0.0)
        .jsonPath("$.results[0].reward")
        .value(v -> assertThat(((Number) v).doubleValue()).isCloseTo(2.993979190484687, within()))
        .jsonPath("$.results[1].components.accuracy")
        .isEqualTo(0.0)
        .jsonPath("$.results[1].components.format")
        .isEqualTo(0.0)
        .jsonPath("$.results[1].components.cosine")
        .value(v -> assertThat(((Number) v).doubleValue()).isCloseTo(-0.9970437297775702, within()))
        .jsonPath("$.results[1].components.repetition")
        .value(
            v -> assertThat(((Number) v).doubleValue()).isCloseTo(-0.33333333333333337, within()))
        .jsonPath("$.results[1].reward")
        .value(v -> assertThat(((Number) v).doubleValue()).isCloseTo(-1.3303770631109035, within()))
        .jsonPath("$.groups.q.zero_variance")
        .isEqualTo(false);
  }

  @Test
  void score_truthrl_correctAbstainWrong() {
    score(
            """
            {"profile": "truthrl", "items": [
              {"id": "c", "response": "\\\\boxed{Paris}", "reference": {"answer": "Paris"}},
              {"id": "a", "response": "\\\\boxed{I'm not sure}", "reference": {"answer": "Paris"}},
              {"id": "w", "response": "Lyon", "reference": {"answer": "Paris"}},
              {"id": "bad", "response": "\\\\boxed{Paris}", "reference": {"answer": ""}}
            ]}""")
        .jsonPath("$.results[0].reward")
        .isEqualTo(1.0)
        .jsonPath("$.results[1].reward")
        .isEqualTo(0.0)
        .jsonPath("$.results[2].reward")
        .isEqualTo(-1.0)
        .jsonPath("$.results[3].status")
        .isEqualTo("invalid_reference")
        .jsonPath("$.results[3].mask")
        .isEqualTo(false);
  }

  @Test
  void score_toolrl_formatPlusCorrectness() {
    score(
            """
            {"profile": "toolrl", "items": [
              {"id": "exact",
               "response": "<think>weather</think>\\n<tool_call>\\n{\\"name\\": \\"get_weather\\", \\"parameters\\": {\\"city\\": \\"Paris\\"}}\\n</tool_call>",
               "reference": {"answer": "<tool_call>\\n{\\"name\\": \\"get_weather\\", \\"parameters\\": {\\"city\\": \\"Paris\\"}}\\n</tool_call>"}},
              {"id": "untagged",
               "response": "get_weather(city='Paris')",
               "reference": {"answer": "<tool_call>\\n{\\"name\\": \\"get_weather\\", \\"parameters\\": {\\"city\\": \\"Paris\\"}}\\n</tool_call>"}}
            ]}""")
        .jsonPath("$.results[0].reward")
        .isEqualTo(4.0)
        .jsonPath("$.results[0].components.correctness")
        .isEqualTo(3.0)
        .jsonPath("$.results[1].reward")
        .isEqualTo(-3.0)
        .jsonPath("$.results[1].components.format")
        .isEqualTo(0.0);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(EPS);
  }
}
