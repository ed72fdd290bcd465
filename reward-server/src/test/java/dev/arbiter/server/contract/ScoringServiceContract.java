package dev.arbiter.server.contract;

import static dev.arbiter.server.contract.ProblemAssertions.expectHealthUp;
import static dev.arbiter.server.contract.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.json.ArbiterJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every scorer service must do by the scoring contract ({@code ARCHITECTURE.md}, "The scoring
 * contract"), checked over real HTTP: its scorers listed, one valid item per scorer scored {@code
 * ok}, bad items answered per item without failing their batch, request errors as RFC 9457 problems
 * with the right status, health UP. Written once, like zipkin's {@code ITSpanStore}: a module's IT
 * extends it and supplies its sample items; its own tests stay beside these.
 *
 * <p>A subclass is a {@code @SpringBootTest(classes = TheApp.class, webEnvironment = RANDOM_PORT)}.
 * The checks know nothing of the service's configuration: the body limit is probed with a declared
 * length no limit allows, the item limit with more items than any limit allows.
 */
public abstract class ScoringServiceContract {

  protected static final JsonMapper JSON = ArbiterJson.mapper();

  /** Declared by the body-limit check: 1 TiB, over any configured limit. */
  private static final long HUGE_CONTENT_LENGTH = 1L << 40;

  /** Items in the item-limit check: over any configured limit (default 4096), 300 KB of JSON. */
  private static final int TOO_MANY_ITEMS = 100_000;

  @LocalServerPort protected int port;

  /** A client of the service under test, set once the service is ready. */
  protected WebTestClient client;

  /**
   * One item per scorer the service lists, keyed by scorer id: a JSON object without {@code id}
   * that the scorer answers {@code ok}. The keys are the scorers the service must list, exactly.
   */
  protected abstract Map<String, String> validItems();

  /**
   * The implementation label every scorer of the service reports, e.g. {@code vision-iou/0.1.0}.
   */
  protected abstract String version();

  /**
   * Items (JSON objects without {@code id}) whose reference is unusable, which the service must
   * answer {@code invalid_reference}; none by default (a scorer that takes no reference).
   */
  protected List<String> invalidReferenceItems() {
    return List.of();
  }

  /** How long the service may take to become ready (a model service loads its model first). */
  protected Duration readinessLimit() {
    return Duration.ofSeconds(60);
  }

  @BeforeEach
  void connectWhenReady() {
    // a client of its own: the auto-configured one takes the app's codec limit for answers too
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    await("readiness of the service on port " + port)
        .atMost(readinessLimit())
        .pollInterval(Duration.ofMillis(50))
        .until(() -> status(client.get().uri("/actuator/health/readiness")) == 200);
  }

  private static int status(WebTestClient.RequestHeadersSpec<?> request) {
    return request.exchange().returnResult(byte[].class).getStatus().value();
  }

  /** POSTs {@code body} as JSON to {@code /v1/score}. */
  protected WebTestClient.ResponseSpec post(String body) {
    return client
        .post()
        .uri("/v1/score")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  /** POSTs {@code body}, expects 200 and returns its {@code results}. */
  protected JsonNode results(String body) {
    byte[] out = post(body).expectStatus().isOk().expectBody().returnResult().getResponseBody();
    return JSON.readTree(out).get("results");
  }

  /**
   * POSTs {@code body}, expects 200 and returns its {@code results} with {@code latency_ms} removed
   * (it varies), after checking that each has one: for comparing results with exact JSON.
   */
  protected JsonNode resultsWithoutLatency(String body) {
    JsonNode results = results(body);
    for (JsonNode r : results) {
      assertThat(r.get("latency_ms").isNumber()).as("latency_ms of %s", r).isTrue();
      ((ObjectNode) r).remove("latency_ms");
    }
    return results;
  }

  /** {@code item} (a JSON object) with {@code "id": id} added. */
  protected static String withId(String id, String item) {
    String trimmed = item.strip();
    assertThat(trimmed).as("a sample item is a JSON object").startsWith("{");
    return "{\"id\": \"" + id + "\", " + trimmed.substring(1);
  }

  /** {@link #validItems()} in scorer-id order, so that every run sends the same batches. */
  private SortedMap<String, String> samples() {
    return new TreeMap<>(validItems());
  }

  private static String batch(List<String> items) {
    return "{\"items\": [" + String.join(",\n", items) + "]}";
  }

  @Test
  void scorers_listsEveryScorerWithVersionSchemasAndTimeLimit() {
    byte[] out =
        client
            .get()
            .uri("/v1/scorers")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    JsonNode scorers = JSON.readTree(out);
    List<String> ids = scorers.valueStream().map(s -> s.get("id").asString()).toList();
    assertThat(ids).containsExactlyInAnyOrderElementsOf(validItems().keySet());
    for (JsonNode s : scorers) {
      String id = s.get("id").asString();
      assertThat(s.get("version").asString()).as("%s version", id).isEqualTo(version());
      assertThat(s.get("description").asString()).as("%s description", id).isNotBlank();
      assertThat(s.get("options_schema").isObject()).as("%s options_schema", id).isTrue();
      assertThat(s.get("reference_schema").isObject()).as("%s reference_schema", id).isTrue();
      assertThat(s.get("time_limit_ms").asLong()).as("%s time_limit_ms", id).isPositive();
    }
  }

  @Test
  void score_oneValidItemPerScorerIsOk() {
    List<String> ids = new ArrayList<>();
    List<String> items = new ArrayList<>();
    samples()
        .forEach(
            (scorer, item) -> {
              ids.add("valid-" + scorer);
              items.add(withId("valid-" + scorer, item));
            });

    JsonNode results = results(batch(items));

    assertThat(results.valueStream().map(r -> r.get("id").asString()).toList())
        .containsExactlyElementsOf(ids);
    for (JsonNode r : results) {
      String id = r.get("id").asString();
      assertThat(r.get("status").asString()).as("%s status (%s)", id, r).isEqualTo("ok");
      assertThat(r.get("mask").asBoolean()).as("%s mask", id).isFalse();
      assertThat(r.get("reward").isNumber()).as("%s reward", id).isTrue();
      assertThat(r.get("scorer").asString()).as("%s scorer", id).isEqualTo(version());
      assertThat(r.get("latency_ms").isNumber()).as("%s latency_ms", id).isTrue();
    }
  }

  @Test
  void score_badItemsAreAnsweredPerItemAndDoNotFailTheirBatch() {
    var valid = samples().entrySet().iterator().next();
    List<String> items = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    items.add(withId("before", valid.getValue()));
    expected.add("ok");
    items.add(
        "{\"id\": \"no-response\", \"scorer\": \"" + valid.getKey() + "\", \"reference\": {}}");
    expected.add("invalid_request");
    for (int i = 0; i < invalidReferenceItems().size(); i++) {
      items.add(withId("bad-reference-" + i, invalidReferenceItems().get(i)));
      expected.add("invalid_reference");
    }
    items.add(withId("after", valid.getValue()));
    expected.add("ok");

    JsonNode results = results(batch(items));

    assertThat(results.valueStream().map(r -> r.get("status").asString()).toList())
        .as("statuses of %s", results)
        .containsExactlyElementsOf(expected);
    for (JsonNode r : results) {
      assertThat(r.get("mask").asBoolean()).as("%s mask", r.get("id")).isFalse();
      if (!r.get("status").asString().equals("ok")) {
        assertThat(r.get("reward").isNull()).as("%s reward", r.get("id")).isTrue();
        assertThat(r.get("details").get("reason").asString()).isNotBlank();
      }
    }
  }

  @Test
  void score_malformedJsonIs400Problem() {
    expectProblem(post("{\"items\": ["), ProblemType.MALFORMED_REQUEST);
  }

  @Test
  void score_nullItemIs400NamingIt() {
    String valid = withId("a", samples().values().iterator().next());
    JsonNode problem =
        expectProblem(post("{\"items\": [" + valid + ", null]}"), ProblemType.MALFORMED_REQUEST);
    assertThat(problem.get("pointer").asString()).isEqualTo("/items/1");
  }

  @Test
  void score_unsupportedMediaTypeIs415Problem() {
    byte[] body =
        client
            .post()
            .uri("/v1/score")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("{\"items\": []}")
            .exchange()
            .expectStatus()
            .isEqualTo(415)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .returnResult()
            .getResponseBody();
    assertThat(JSON.readTree(body).get("status").asInt()).isEqualTo(415);
  }

  @Test
  void score_unknownScorerIs422ListingKnown() {
    JsonNode problem =
        expectProblem(
            post(
                "{\"items\": [{\"id\": \"a\", \"scorer\": \"no-such-scorer\", \"response\": \"x\"}]}"),
            ProblemType.UNKNOWN_SCORER);
    assertThat(problem.get("unknown").valueStream().map(JsonNode::asString))
        .containsExactly("no-such-scorer");
    assertThat(problem.get("known").valueStream().map(JsonNode::asString))
        .containsExactlyInAnyOrderElementsOf(validItems().keySet());
  }

  @Test
  void score_profileOnAScorerServiceIs422() {
    expectProblem(
        post("{\"items\": [], \"profile\": \"visual-rft\"}"), ProblemType.UNKNOWN_PROFILE);
  }

  @Test
  void score_tooManyItemsIs413() {
    String items = String.join(",", java.util.Collections.nCopies(TOO_MANY_ITEMS, "{}"));
    JsonNode problem =
        expectProblem(post("{\"items\": [" + items + "]}"), ProblemType.TOO_MANY_ITEMS);
    assertThat(problem.get("limit").asLong()).isPositive().isLessThan(TOO_MANY_ITEMS);
  }

  /** A declared length over the limit is refused before a byte of the body is read. */
  @Test
  void score_declaredBodyOverTheLimitIs413() throws IOException {
    String head =
        "POST /v1/score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + HUGE_CONTENT_LENGTH
            + "\r\n\r\n{\"items\": [";
    String answer;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // the server answers and closes the connection: read to the end
      InputStream in = socket.getInputStream();
      answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(answer).startsWith("HTTP/1.1 413 ");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    JsonNode problem = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(problem.get("type").asString())
        .isEqualTo(ProblemType.BODY_TOO_LARGE.uri().toString());
    assertThat(problem.get("limit").asLong()).isPositive().isLessThan(HUGE_CONTENT_LENGTH);
  }

  @Test
  void health_isUpAndProbesAnswer() {
    expectHealthUp(client);
    client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
  }
}
