package dev.arbiter.verifier.code;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The HTTP calls the service tests make, up to the body to check. */
final class ServiceCalls {

  private ServiceCalls() {}

  /** {@code GET /v1/languages}, answered 200. */
  static WebTestClient.BodyContentSpec languages(WebTestClient client) {
    return client.get().uri("/v1/languages").exchange().expectStatus().isOk().expectBody();
  }

  /** {@code POST /v1/score} with {@code body}, answered 200. */
  static WebTestClient.BodyContentSpec score(WebTestClient client, String body) {
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
}
