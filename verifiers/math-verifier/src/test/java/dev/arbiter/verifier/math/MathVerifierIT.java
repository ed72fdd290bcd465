package dev.arbiter.verifier.math;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
    classes = MathVerifierApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class MathVerifierIT {

  @Autowired WebTestClient client;

  @Test
  void score_mixedBatchAnswersPerItem() {
    client
        .post()
        .uri("/v1/score")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"items":[
              {"id":"a","scorer":"math","response":"so the answer is \\\\boxed{\\\\frac34}.",
               "reference":{"answer":"0.75"},"group":"q"},
              {"id":"b","scorer":"math","response":"\\\\boxed{5}","reference":{"answer":"6"},
               "options":{"reward":"signed"},"group":"q"},
              {"id":"c","scorer":"math","response":"\\\\boxed{5}","reference":{"answer":"\\\\frac{"}},
              {"id":"d","scorer":"math","response":"\\\\boxed{5}","reference":{"answer":"5"},
               "options":{"float_rounding":"x"}}
            ]}""")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].reward")
        .isEqualTo(1.0)
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].scorer")
        .isEqualTo("math-verifier/0.1.0")
        .jsonPath("$.results[0].components.math")
        .isEqualTo(1.0)
        .jsonPath("$.results[0].details.canonical_prediction")
        .isEqualTo("\\frac{3}{4}")
        .jsonPath("$.results[1].reward")
        .isEqualTo(-1.0)
        .jsonPath("$.results[2].status")
        .isEqualTo("invalid_reference")
        .jsonPath("$.results[2].reward")
        .isEmpty()
        .jsonPath("$.results[3].status")
        .isEqualTo("invalid_request");
  }

  @Test
  void scorers_listsMath() {
    client
        .get()
        .uri("/v1/scorers")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.id == 'math')].version")
        .isEqualTo("math-verifier/0.1.0");
  }
}
