package dev.arbiter.gateway;

import static dev.arbiter.server.contract.ProblemAssertions.expectInvalidRequestAt;
import static dev.arbiter.server.contract.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.gateway.routing.ScorerTraits;
import dev.arbiter.gateway.support.Apps;
import dev.arbiter.gateway.support.ScriptedHttpServer;
import dev.arbiter.gateway.support.ScriptedScorers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** The gateway in front of a real scorer service over HTTP, plus a hanging and a failing one. */
class GatewayIT {

  static ConfigurableApplicationContext scorers;
  static ScriptedHttpServer hanging;
  static ScriptedHttpServer failing;
  static ConfigurableApplicationContext gateway;
  static WebTestClient client;

  @BeforeAll
  static void start() throws Exception {
    scorers = Apps.scorerService(0);
    hanging = ScriptedHttpServer.hanging();
    failing = ScriptedHttpServer.failing(500);
    gateway =
        Apps.gateway(
            "arbiter.gateway.backends.remote.url=http://127.0.0.1:" + Apps.port(scorers),
            "arbiter.gateway.backends.remote.scorers=echo,detection,grounding,classification,gui-action",
            "arbiter.gateway.backends.remote.resilience.batch-size=4",
            "arbiter.gateway.backends.slow.url=" + hanging.url(),
            "arbiter.gateway.backends.slow.scorers=slow",
            "arbiter.gateway.backends.slow.resilience.timeout=300ms",
            "arbiter.gateway.backends.napper.url=http://127.0.0.1:" + Apps.port(scorers),
            "arbiter.gateway.backends.napper.scorers=nap",
            "arbiter.gateway.backends.napper.resilience.timeout=300ms",
            "arbiter.gateway.backends.napper.resilience.minimum-calls=1000",
            "arbiter.gateway.backends.broken.url=" + failing.url(),
            "arbiter.gateway.backends.broken.scorers=broken",
            "arbiter.gateway.backends.broken.resilience.retry-attempts=2",
            "arbiter.gateway.backends.broken.resilience.retry-backoff=10ms",
            "arbiter.gateway.profiles.combo.components[0].scorer=echo",
            "arbiter.gateway.profiles.combo.components[0].component=value",
            "arbiter.gateway.profiles.combo.components[0].weight=2",
            "arbiter.gateway.profiles.combo.components[1].scorer=echo",
            "arbiter.gateway.profiles.combo.components[1].component=half",
            "arbiter.gateway.profiles.combo.components[1].max=0.1",
            "arbiter.gateway.profiles.combo.max=2.5",
            "arbiter.gateway.openrlhf.scorer=echo",
            "arbiter.gateway.openrlhf.components=value",
            "arbiter.scoring.max-items=100",
            "arbiter.scoring.max-body-size=64KB");
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + Apps.port(gateway))
            .responseTimeout(Duration.ofSeconds(20))
            .build();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    scorers.close();
    hanging.close();
    failing.close();
  }

  private static WebTestClient.ResponseSpec post(String path, String body) {
    return client
        .post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  @Test
  void score_routesOverHttpInOrderWithGroups() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"r")
          .append(i)
          .append("\",\"scorer\":\"echo\",\"response\":\"")
          .append(i % 2)
          .append("\",\"group\":\"q\"}");
    }
    post("/v1/score", "{\"items\":[" + items + "]}")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results.length()")
        .isEqualTo(10)
        .jsonPath("$.results[0].id")
        .isEqualTo("r0")
        .jsonPath("$.results[0].reward")
        .isEqualTo(0.0)
        .jsonPath("$.results[9].id")
        .isEqualTo("r9")
        .jsonPath("$.results[9].reward")
        .isEqualTo(1.0)
        .jsonPath("$.results[9].scorer")
        .isEqualTo("echo/1")
        .jsonPath("$.groups.q.mean")
        .isEqualTo(0.5)
        .jsonPath("$.groups.q.std")
        .isEqualTo(0.5)
        .jsonPath("$.groups.q.zero_variance")
        .isEqualTo(false)
        .jsonPath("$.groups.q.dr_grpo_advantages.r1")
        .isEqualTo(0.5);
  }

  @Test
  void score_visionScorersOverHttp_andTheVisualRftProfile() {
    String scene =
        "\"response\":\"<think>two cats</think><answer>[{\\\"bbox_2d\\\": [10,10,50,50],"
            + " \\\"label\\\": \\\"cat\\\", \\\"confidence\\\": 0.9}]</answer>\","
            + "\"reference\":{\"boxes\":[{\"bbox_2d\":[10,10,50,50],\"label\":\"cat\"},"
            + "{\"bbox_2d\":[100,100,140,140],\"label\":\"cat\"}]}";
    // One of two GT boxes found exactly: IoU reward 1/max(2,1) = 0.5, confidence 0.9, format 1.
    post("/v1/score", "{\"items\":[{\"id\":\"d\",\"scorer\":\"detection\"," + scene + "}]}")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].scorer")
        .isEqualTo("vision-iou/0.1.0")
        .jsonPath("$.results[0].components.iou")
        .isEqualTo(0.5)
        .jsonPath("$.results[0].components.confidence")
        .isEqualTo(0.9)
        .jsonPath("$.results[0].components.format")
        .isEqualTo(1.0);
    post("/v1/score", "{\"profile\":\"visual-rft\",\"items\":[{\"id\":\"p\"," + scene + "}]}")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].reward")
        .isEqualTo(2.4)
        .jsonPath("$.results[0].components.iou")
        .isEqualTo(0.5)
        .jsonPath("$.results[0].details.profile")
        .isEqualTo("visual-rft");
    post(
            "/v1/score",
            "{\"items\":[{\"id\":\"bad\",\"scorer\":\"grounding\",\"response\":\"<answer>[1,2]</answer>\","
                + "\"reference\":{\"box\":[0,0,10,10]}},"
                + "{\"id\":\"badref\",\"scorer\":\"grounding\",\"response\":\"<answer>[0,0,10,10]</answer>\","
                + "\"reference\":{\"box\":[10,10,0,0]}}]}")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].components.iou")
        .isEqualTo(0.0)
        .jsonPath("$.results[0].details.reason")
        .exists()
        .jsonPath("$.results[1].status")
        .isEqualTo("invalid_reference")
        .jsonPath("$.results[1].reward")
        .isEmpty();
  }

  @Test
  void score_mixedBatch_badItemsAndDeadBackendsNeverFailTheOthers() {
    post(
            "/v1/score",
            """
            {"items":[
              {"id":"ok","scorer":"echo","response":"0.25"},
              {"id":"no-response","scorer":"echo"},
              {"id":"bad-ref","scorer":"echo","response":"1","reference":{"broken":true}},
              {"id":"hangs","scorer":"slow","response":"1"},
              {"id":"fails","scorer":"broken","response":"1"},
              {"id":"no-scorer","response":"1"}
            ]}""")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].reward")
        .isEqualTo(0.25)
        .jsonPath("$.results[1].status")
        .isEqualTo("invalid_request")
        .jsonPath("$.results[1].mask")
        .isEqualTo(false)
        .jsonPath("$.results[2].status")
        .isEqualTo("invalid_reference")
        .jsonPath("$.results[2].reward")
        .isEmpty()
        .jsonPath("$.results[3].status")
        .isEqualTo("scorer_unavailable")
        .jsonPath("$.results[3].mask")
        .isEqualTo(true)
        .jsonPath("$.results[3].reward")
        .isEmpty()
        .jsonPath("$.results[3].details.reason")
        .isEqualTo("backend 'slow' did not answer within its time limit")
        .jsonPath("$.results[4].status")
        .isEqualTo("scorer_unavailable")
        .jsonPath("$.results[4].mask")
        .isEqualTo(true)
        .jsonPath("$.results[4].details.reason")
        .isEqualTo("backend 'broken' answered HTTP 500")
        .jsonPath("$.results[5].status")
        .isEqualTo("invalid_request");
  }

  @Test
  void score_remoteCallTimeLimitFollowsTheDeclaredLimitsOfItsItems() {
    // 400 ms per item against a configured 300 ms: once the gateway has learned (from the
    // service's GET /v1/scorers, asked in the background from start-up) that 'nap' declares 2 s per
    // item, a call of 4 items may take 300 ms + 4 x 2 s and is not masked
    ScorerTraits traits = gateway.getBean(ScorerTraits.class);
    await().atMost(Duration.ofSeconds(60)).until(() -> traits.timeLimit("nap") != null);
    String body =
        "{\"items\":["
            + "{\"id\":\"a\",\"scorer\":\"nap\",\"response\":\"1\"},".repeat(3)
            + "{\"id\":\"a\",\"scorer\":\"nap\",\"response\":\"1\"}]}";
    post("/v1/score", body)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[*].status")
        .isEqualTo(java.util.List.of("ok", "ok", "ok", "ok"))
        .jsonPath("$.results[*].mask")
        .isEqualTo(java.util.List.of(false, false, false, false));
  }

  @Test
  void score_nullItemIs400NamingIt() {
    JsonNode problem =
        expectProblem(post("/v1/score", "{\"items\":[null]}"), ProblemType.MALFORMED_REQUEST);
    assertThat(problem.get("pointer").asString()).isEqualTo("/items/0");
  }

  @Test
  void score_optionsARemoteScorerRefusesAreInvalidRequestForThatItemOnly() {
    WebTestClient.BodyContentSpec body =
        post(
                "/v1/score",
                """
                {"items":[
                  {"id":"a","scorer":"echo","response":"1","options":{"mode":"bogus"}},
                  {"id":"b","scorer":"echo","response":"0.5"}
                ]}""")
            .expectStatus()
            .isOk()
            .expectBody();
    expectInvalidRequestAt(body, 0, "mode 'bogus' is unknown")
        .jsonPath("$.results[1].status")
        .isEqualTo("ok");
  }

  /**
   * The hanging backend holds its calls for a minute, longer than this client waits (20 s): an
   * answer at all shows that the gateway's time limit ended the call, and the gateway answers other
   * requests meanwhile.
   */
  @Test
  void score_hangingBackendDoesNotStallTheGateway() {
    RewardClient rewards =
        RewardClient.create("http://127.0.0.1:" + Apps.port(gateway), Duration.ofSeconds(20));
    CompletableFuture<ScoreResponse> hangs =
        rewards.score(
            ScoreRequest.of(
                java.util.List.of(
                    new ScoreItem("h", "slow", null, "1", Map.of(), Map.of(), null))));
    client.get().uri("/actuator/health").exchange().expectStatus().isOk();
    ScoreResult result = hangs.join().results().get(0);
    assertThat(result.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
    assertThat(result.mask()).isTrue();
    assertThat(result.details())
        .containsEntry("reason", "backend 'slow' did not answer within its time limit");
  }

  @Test
  void score_requestProblems() {
    JsonNode malformed =
        expectProblem(post("/v1/score", "{\"items\": [ {\"id\": "), ProblemType.MALFORMED_REQUEST);
    assertThat(malformed.has("stackTrace")).isFalse();
    JsonNode unknownScorer =
        expectProblem(
            post(
                "/v1/score", "{\"items\":[{\"id\":\"a\",\"scorer\":\"nope\",\"response\":\"1\"}]}"),
            ProblemType.UNKNOWN_SCORER);
    assertThat(unknownScorer.get("known").toString()).contains("echo", "slow");
    JsonNode unknownProfile =
        expectProblem(
            post("/v1/score", "{\"items\":[],\"profile\":\"nope\"}"), ProblemType.UNKNOWN_PROFILE);
    assertThat(unknownProfile.get("known").toString()).contains("combo");
    String many = "{\"scorer\":\"echo\",\"response\":\"1\"},".repeat(100);
    expectProblem(
        post("/v1/score", "{\"items\":[" + many + "{\"scorer\":\"echo\",\"response\":\"1\"}]}"),
        ProblemType.TOO_MANY_ITEMS);
    expectProblem(
        post(
            "/v1/score",
            "{\"items\":[{\"scorer\":\"echo\",\"response\":\"" + "9".repeat(70_000) + "\"}]}"),
        ProblemType.BODY_TOO_LARGE);
    // the same without Content-Length: the forwarding decoder's in-memory limit stops it, and the
    // answer closes the connection (its body is half read), so the next request gets a fresh one
    byte[] big =
        ("{\"items\":[{\"scorer\":\"echo\",\"response\":\"" + "9".repeat(70_000) + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    WebTestClient.ResponseSpec chunked =
        client
            .post()
            .uri("/v1/score")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                Flux.just(
                        Arrays.copyOfRange(big, 0, 1000), Arrays.copyOfRange(big, 1000, big.length))
                    .map(DefaultDataBufferFactory.sharedInstance::wrap),
                DataBuffer.class)
            .exchange();
    chunked.expectHeader().valueEquals("Connection", "close");
    expectProblem(chunked, ProblemType.BODY_TOO_LARGE);
    post("/v1/score", "{\"items\":[{\"scorer\":\"echo\",\"response\":\"1\"}]}")
        .expectStatus()
        .isOk();
  }

  @Test
  void score_profileCombinesWeightedClippedComponents() {
    // value 1.0 * 2 + min(half 0.5, 0.1) = 2.1; value 2 * 2 + 0.1 = 4.1 clipped to 2.5
    post(
            "/v1/score",
            """
            {"profile":"combo","items":[
              {"id":"a","response":"1"},
              {"id":"b","response":"2"},
              {"id":"c","response":"1","reference":{"broken":true}}
            ]}""")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].reward")
        .isEqualTo(2.1)
        .jsonPath("$.results[0].components.value")
        .isEqualTo(1.0)
        .jsonPath("$.results[0].components.half")
        .isEqualTo(0.1)
        .jsonPath("$.results[0].details.profile")
        .isEqualTo("combo")
        .jsonPath("$.results[1].reward")
        .isEqualTo(2.5)
        .jsonPath("$.results[2].status")
        .isEqualTo("invalid_reference")
        .jsonPath("$.results[2].reward")
        .isEmpty()
        .jsonPath("$.results[2].details.missing_components[0]")
        .isEqualTo("value");
  }

  @Test
  void score_identicalItemsAreServedFromTheCache() {
    String body =
        "{\"items\":[{\"id\":\"x\",\"scorer\":\"echo\",\"response\":\"0.125\","
            + "\"reference\":{\"k\":\"cache-test\"}}]}";
    // the gateway caches a remote scorer's verdicts once it has learned (in the background, from
    // the service's GET /v1/scorers) that the scorer declares them cacheable
    ScorerTraits traits = gateway.getBean(ScorerTraits.class);
    await().atMost(Duration.ofSeconds(60)).until(() -> traits.cacheable("echo"));
    int before = ScriptedScorers.ECHO_CALLS.get();
    post("/v1/score", body).expectStatus().isOk();
    int calls = ScriptedScorers.ECHO_CALLS.get();
    assertThat(calls).as("the first one is scored").isGreaterThan(before);
    post("/v1/score", body.replace("\"x\"", "\"y\""))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].id")
        .isEqualTo("y")
        .jsonPath("$.results[0].reward")
        .isEqualTo(0.125);
    assertThat(ScriptedScorers.ECHO_CALLS.get()).as("the repeat is not").isEqualTo(calls);
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
                    .contains("cache_gets_total{cache=\"score-results\",result=\"hit\"")
                    .contains("resilience4j_circuitbreaker_state")
                    .contains(
                        "arbiter_gateway_results_total{backend=\"cache\",scorer=\"echo\",status=\"ok\"}")
                    .contains("arbiter_gateway_backend_calls_seconds_bucket{backend=\"remote\""));
  }

  @Test
  void getReward_openRlhfProtocol() {
    post(
            "/get_reward",
            """
            {"query":["Q: 1+1? A: 2","Q: x? A: oops"],
             "prompts":["Q: 1+1? A: ","Q: x? A: "],
             "labels":["2","{\\"broken\\": true}"]}""")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.rewards[0]")
        .isEqualTo(2.0)
        .jsonPath("$.rewards[1]")
        .isEqualTo(0.0)
        .jsonPath("$.scores[0]")
        .isEqualTo(2.0)
        .jsonPath("$.extra_logs.valid[0]")
        .isEqualTo(1)
        .jsonPath("$.extra_logs.valid[1]")
        .isEqualTo(0)
        .jsonPath("$.extra_logs.value[0]")
        .isEqualTo(2.0);
  }

  @Test
  void scorersAndProfiles_listWhatIsRoutable() {
    client
        .get()
        .uri("/v1/scorers")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.id == 'echo')].version")
        .isEqualTo("echo/1")
        .jsonPath("$[?(@.id == 'slow')].version")
        .isEqualTo("unknown");
    client
        .get()
        .uri("/v1/profiles")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.combo.components[0].scorer")
        .isEqualTo("echo");
  }
}
