package dev.arbiter.server.web;

import static dev.arbiter.server.contract.ProblemAssertions.expectHealthUp;
import static dev.arbiter.server.contract.ProblemAssertions.expectInvalidRequestAt;
import static dev.arbiter.server.contract.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.server.TestScorerApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
    classes = TestScorerApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"arbiter.scoring.max-items=3", "arbiter.scoring.max-body-size=2KB"})
class ScoreEndpointIT {

  @LocalServerPort int port;
  // a client of its own: the auto-configured one would take this app's 2 KB codec limit for reading
  // answers too (Prometheus and OpenAPI answers are larger)
  WebTestClient client;

  @BeforeEach
  void setUp() {
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(java.time.Duration.ofSeconds(60))
            .build();
  }

  private WebTestClient.ResponseSpec post(String body) {
    return client
        .post()
        .uri("/v1/score")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  @Test
  void score_batchWithBadItemsAnswers200PerItem() {
    post("""
            {"items":[
              {"id":"a","scorer":"echo","response":"0.5","group":"g"},
              {"id":"b","scorer":"echo","group":"g"},
              {"id":"c","scorer":"echo","response":"boom","group":"g"}
            ]}""")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].id")
        .isEqualTo("a")
        .jsonPath("$.results[0].reward")
        .isEqualTo(0.5)
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].scorer")
        .isEqualTo("echo/1")
        .jsonPath("$.results[0].latency_ms")
        .isNumber()
        .jsonPath("$.results[1].status")
        .isEqualTo("invalid_request")
        .jsonPath("$.results[1].reward")
        .isEmpty()
        .jsonPath("$.results[1].details.reason")
        .isEqualTo("item has no 'response'")
        .jsonPath("$.results[2].status")
        .isEqualTo("error")
        .jsonPath("$.results[2].mask")
        .isEqualTo(true)
        .jsonPath("$.results[2].reward")
        .isEmpty()
        .jsonPath("$.groups.g.scored")
        .isEqualTo(1)
        .jsonPath("$.groups.g.zero_variance")
        .isEqualTo(true);
  }

  @Test
  void score_withoutGroupsLeavesTheStatisticsOut() {
    client
        .post()
        .uri("/v1/score?groups=false")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"items\":[{\"id\":\"a\",\"scorer\":\"echo\",\"response\":\"0.5\",\"group\":\"g\"}]}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].reward")
        .isEqualTo(0.5)
        .jsonPath("$.groups")
        .isEmpty();
  }

  @Test
  void score_answersSmileWhenAskedAndJsonOtherwise() {
    String body = "{\"items\":[{\"id\":\"a\",\"scorer\":\"echo\",\"response\":\"0.25\"}]}";
    byte[] smile =
        client
            .post()
            .uri("/v1/score")
            .contentType(MediaType.APPLICATION_JSON)
            .accept(
                MediaType.parseMediaType(ArbiterJson.SMILE_MEDIA_TYPE),
                MediaType.parseMediaType("application/json;q=0.9"))
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(ArbiterJson.SMILE_MEDIA_TYPE)
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    ScoreResponse response = ArbiterJson.smileMapper().readValue(smile, ScoreResponse.class);
    assertThat(response.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo("a");
              assertThat(r.reward()).isEqualTo(0.25);
              assertThat(r.status()).isEqualTo(ScoreStatus.OK);
            });
    // a request in Smile is read too
    client
        .post()
        .uri("/v1/score")
        .contentType(MediaType.parseMediaType(ArbiterJson.SMILE_MEDIA_TYPE))
        .bodyValue(
            ArbiterJson.smileMapper()
                .writeValueAsBytes(
                    ScoreRequest.of(
                        List.of(
                            new ScoreItem("b", "echo", null, "0.75", Map.of(), Map.of(), null)))))
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.results[0].reward")
        .isEqualTo(0.75);
    // curl's Accept: */* and no Accept at all get JSON
    for (String accept : new String[] {"*/*", null}) {
      var request = client.post().uri("/v1/score").contentType(MediaType.APPLICATION_JSON);
      if (accept != null) {
        request = request.header("Accept", accept);
      }
      request
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .contentType(MediaType.APPLICATION_JSON);
    }
  }

  @Test
  void score_chunkedBodyOverLimitIs413InJsonAndSmile() {
    String big = "x".repeat(4096);
    byte[] json = ("{\"items\":[{\"scorer\":\"echo\",\"response\":\"" + big + "\"}]}").getBytes();
    byte[] smile =
        ArbiterJson.smileMapper()
            .writeValueAsBytes(
                ScoreRequest.of(
                    List.of(new ScoreItem("a", "echo", null, big, Map.of(), Map.of(), null))));
    for (var body :
        Map.of(
                MediaType.APPLICATION_JSON,
                json,
                MediaType.parseMediaType(ArbiterJson.SMILE_MEDIA_TYPE),
                smile)
            .entrySet()) {
      byte[] bytes = body.getValue();
      // two chunks and no Content-Length: only the codec's in-memory limit can stop it
      Flux<DataBuffer> chunks =
          Flux.just(
                  java.util.Arrays.copyOfRange(bytes, 0, 1000),
                  java.util.Arrays.copyOfRange(bytes, 1000, bytes.length))
              .map(DefaultDataBufferFactory.sharedInstance::wrap);
      WebTestClient.ResponseSpec response =
          client
              .post()
              .uri("/v1/score")
              .contentType(body.getKey())
              .body(chunks, DataBuffer.class)
              .exchange();
      response.expectHeader().valueEquals("Connection", "close");
      assertThat(expectProblem(response, ProblemType.BODY_TOO_LARGE).get("detail").asString())
          .contains("arbiter.scoring.max-body-size");
    }
  }

  @Test
  void score_malformedJsonIs400Problem() {
    JsonNode problem = expectProblem(post("{\"items\": ["), ProblemType.MALFORMED_REQUEST);
    assertThat(problem.get("detail").asString())
        .startsWith("request body is not a valid score request");
  }

  @Test
  void score_nullItemIs400NamingIt() {
    JsonNode problem =
        expectProblem(
            post("{\"items\":[{\"id\":\"a\",\"scorer\":\"echo\",\"response\":\"1\"},null]}"),
            ProblemType.MALFORMED_REQUEST);
    assertThat(problem.get("detail").asString()).startsWith("items[1] is null");
    assertThat(problem.get("pointer").asString()).isEqualTo("/items/1");
  }

  @Test
  void score_optionsTheScorerRefusesAreInvalidRequestForThatItemOnly() {
    WebTestClient.BodyContentSpec body =
        post("""
            {"items":[
              {"id":"a","scorer":"echo","response":"1","options":{"mode":"bogus"}},
              {"id":"b","scorer":"echo","response":"0.5"}
            ]}""")
            .expectStatus()
            .isOk()
            .expectBody();
    expectInvalidRequestAt(body, 0, "mode 'bogus' is unknown")
        .jsonPath("$.results[1].status")
        .isEqualTo("ok")
        .jsonPath("$.results[1].reward")
        .isEqualTo(0.5);
  }

  @Test
  void score_unknownScorerIs422ListingKnown() {
    JsonNode problem =
        expectProblem(
            post("{\"items\":[{\"id\":\"a\",\"scorer\":\"nope\",\"response\":\"1\"}]}"),
            ProblemType.UNKNOWN_SCORER);
    assertThat(problem.get("known").get(0).asString()).isEqualTo("echo");
    assertThat(problem.get("unknown").get(0).asString()).isEqualTo("nope");
  }

  @Test
  void score_profileOnScorerServiceIs422() {
    expectProblem(post("{\"items\":[],\"profile\":\"visual-rft\"}"), ProblemType.UNKNOWN_PROFILE);
  }

  @Test
  void score_tooManyItemsIs413() {
    String item = "{\"scorer\":\"echo\",\"response\":\"1\"}";
    JsonNode problem =
        expectProblem(
            post("{\"items\":[" + String.join(",", item, item, item, item) + "]}"),
            ProblemType.TOO_MANY_ITEMS);
    assertThat(problem.get("limit").asInt()).isEqualTo(3);
  }

  @Test
  void score_bodyOverLimitIs413() {
    String big = "x".repeat(4096);
    expectProblem(
        post("{\"items\":[{\"scorer\":\"echo\",\"response\":\"" + big + "\"}]}"),
        ProblemType.BODY_TOO_LARGE);
  }

  @Test
  void scorers_listsDescriptors() {
    client
        .get()
        .uri("/v1/scorers")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].id")
        .isEqualTo("echo")
        .jsonPath("$[0].version")
        .isEqualTo("echo/1");
  }

  @Test
  void actuator_healthProbesPrometheusAndOpenApi() {
    expectHealthUp(client);
    client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    post("{\"items\":[{\"id\":\"a\",\"scorer\":\"echo\",\"response\":\"1\"}]}")
        .expectStatus()
        .isOk();
    client
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            text ->
                assertThat(text)
                    .contains("arbiter_score_seconds_bucket{scorer=\"echo\"")
                    .contains("arbiter_score_results_total{scorer=\"echo\",status=\"ok\"}"));
    client
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            text ->
                assertThat(text)
                    .contains("/v1/score")
                    .contains("latency_ms")
                    .contains("\"scorer_unavailable\"")
                    .doesNotContain("SCORER_UNAVAILABLE"));
  }
}
