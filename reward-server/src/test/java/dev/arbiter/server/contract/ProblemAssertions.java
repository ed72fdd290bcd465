package dev.arbiter.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.json.ArbiterJson;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The checks of the scoring contract's answers that every service and the gateway share: a request
 * error is an RFC 9457 problem of its {@link ProblemType}, a refused item is answered in its place,
 * health is UP. For the ITs of this module, the scorer modules and the gateway.
 */
public final class ProblemAssertions {

  private ProblemAssertions() {}

  /**
   * Expects {@code response} to be the problem {@code type}: its status, {@code
   * application/problem+json}, the type's URI, the status in the body and a detail that says what
   * was wrong. Returns the problem's body for the checks of its extra fields.
   */
  public static JsonNode expectProblem(WebTestClient.ResponseSpec response, ProblemType type) {
    byte[] body =
        response
            .expectStatus()
            .isEqualTo(type.status())
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .returnResult()
            .getResponseBody();
    JsonNode problem = ArbiterJson.mapper().readTree(body);
    assertThat(problem.get("type").asString())
        .as("type of %s", problem)
        .isEqualTo(type.uri().toString());
    assertThat(problem.get("status").asInt()).as("status of %s", problem).isEqualTo(type.status());
    assertThat(problem.get("detail").asString()).as("detail of %s", problem).isNotBlank();
    assertThat(problem.has("trace")).as("trace in %s", problem).isFalse();
    return problem;
  }

  /**
   * Expects the result at {@code index} of a score answer's {@code body} to be {@code
   * invalid_request}, unmasked, without a reward, with a reason that contains {@code reason}.
   */
  public static WebTestClient.BodyContentSpec expectInvalidRequestAt(
      WebTestClient.BodyContentSpec body, int index, String reason) {
    String at = "$.results[" + index + "]";
    return body.jsonPath(at + ".status")
        .isEqualTo("invalid_request")
        .jsonPath(at + ".mask")
        .isEqualTo(false)
        .jsonPath(at + ".reward")
        .isEmpty()
        .jsonPath(at + ".details.reason")
        .value(r -> assertThat((String) r).contains(reason));
  }

  /** Expects {@code /actuator/health} to answer 200 with status UP. */
  public static void expectHealthUp(WebTestClient client) {
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }
}
