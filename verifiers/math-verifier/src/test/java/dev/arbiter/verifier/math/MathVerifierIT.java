package dev.arbiter.verifier.math;

import dev.arbiter.server.contract.ScoringServiceContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/** The math service over real HTTP on a random port: the service contract, and a mixed batch. */
@SpringBootTest(
    classes = MathVerifierApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MathVerifierIT extends ScoringServiceContract {

  @Override
  protected Map<String, String> validItems() {
    return Map.of(
        "math",
        """
        {"scorer": "math", "response": "\\\\boxed{\\\\frac34}", "reference": {"answer": "0.75"}}""");
  }

  @Override
  protected String version() {
    return "math-verifier/0.1.0";
  }

  @Override
  protected List<String> invalidReferenceItems() {
    return List.of(
        """
        {"scorer": "math", "response": "\\\\boxed{5}", "reference": {"answer": "\\\\frac{"}}""");
  }

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
}
