package dev.arbiter.model.meta.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.model.judge.testing.ScriptedJudgeServer;
import dev.arbiter.model.meta.MetaRewardApplication;
import dev.arbiter.model.meta.ScriptedModels;
import dev.arbiter.server.contract.ScoringServiceContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service end to end against the scripted judge and an H2 file, and the service contract. */
@SpringBootTest(
    classes = MetaRewardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.rubric.refinement.every=6",
      "arbiter.rubric.refinement.on-alarm=true",
      "arbiter.rubric.detectors.every=5",
      "arbiter.rubric.detectors.min-window=5"
    })
class MetaRewardIT extends ScoringServiceContract {

  static final ScriptedJudgeServer JUDGE = ScriptedJudgeServer.start();
  static final ScriptedModels MODELS = new ScriptedModels();
  static final Path DIR;

  static {
    JUDGE.respondWith(MODELS);
    try {
      DIR = Files.createTempDirectory("meta-reward-it");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("arbiter.rubric.judge.base-url", JUDGE::baseUrl);
    r.add("arbiter.rubric.judge.model", () -> "judge-7b");
    r.add("arbiter.rubric.database.h2-file", () -> DIR.resolve("rubrics").toString());
  }

  @AfterAll
  static void stop() {
    JUDGE.close();
  }

  /** The contract's items judge against a rubric of their own: scoring them refines no other. */
  static final String CONTRACT_TASK = "t-contract";

  @Override
  protected Map<String, String> validItems() {
    return Map.of(
        "rubric",
        """
        {"scorer": "rubric", "prompt": "Why?", "response": "PERFECT answer",
         "reference": {"task": "%s"}}"""
            .formatted(CONTRACT_TASK));
  }

  @Override
  protected String version() {
    return "meta-reward/0.1.0";
  }

  @Override
  protected List<String> invalidReferenceItems() {
    return List.of(
        """
        {"scorer": "rubric", "response": "PERFECT", "reference": {"task": "no-such-task"}}""",
        """
        {"scorer": "rubric", "response": "PERFECT", "reference": {}}""");
  }

  @BeforeEach
  void createContractTask() {
    if (status(client.get().uri("/v1/rubrics/" + CONTRACT_TASK)) == 404) {
      create(CONTRACT_TASK);
    }
  }

  private static int status(WebTestClient.RequestHeadersSpec<?> request) {
    return request.exchange().returnResult(byte[].class).getStatus().value();
  }

  static final String ITEMS =
      "[{\"criterion\": \"States a clear thesis.\", \"max_points\": 3, \"examples\": [\"x\"]},"
          + " {\"criterion\": \"Uses evidence.\", \"max_points\": 2}]";

  void create(String task) {
    client
        .put()
        .uri("/v1/rubrics/" + task)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"description\": \"write an essay\", \"author\": \"alice\", \"items\": "
                + ITEMS
                + "}")
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(1)
        .jsonPath("$.author")
        .isEqualTo("human:alice");
  }

  WebTestClient.BodyContentSpec score(String task, String options, String... responses) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < responses.length; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"id\": \"r")
          .append(i)
          .append("\", \"scorer\": \"rubric\", \"prompt\": \"Why?\", \"response\": \"")
          .append(responses[i])
          .append("\", \"reference\": {\"task\": \"")
          .append(task)
          .append("\"}, \"options\": ")
          .append(options)
          .append('}');
    }
    return client
        .post()
        .uri("/v1/score")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"items\": [" + items + "]}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody();
  }

  int currentVersion(String task) {
    Map<?, ?> body =
        client
            .get()
            .uri("/v1/rubrics/" + task)
            .exchange()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((Number) body.get("version")).intValue();
  }

  /** Waits until {@code task}'s current rubric is at {@code version} or later; returns it. */
  int awaitVersion(String task, int version) {
    return await("version " + version + " of " + task)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> currentVersion(task), v -> v >= version);
  }

  @Test
  void score_judgesAgainstTheSeededRubric() {
    score("essay", "{}", "PERFECT essay with a thesis and evidence for it")
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].reward")
        .isEqualTo(10.0)
        .jsonPath("$.results[0].components.item_2")
        .isEqualTo(4.0)
        .jsonPath("$.results[0].details.rationales[0]")
        .isEqualTo("item 1 judged.")
        .jsonPath("$.results[0].scorer")
        .isEqualTo("meta-reward/0.1.0");
    score("essay", "{\"normalize\": true}", "a weak answer")
        .jsonPath("$.results[0].reward")
        .isEqualTo(0.3);
    score("essay", "{}", "MALFORMED")
        .jsonPath("$.results[0].status")
        .isEqualTo("error")
        .jsonPath("$.results[0].mask")
        .isEqualTo(true)
        .jsonPath("$.results[0].reward")
        .isEmpty();
  }

  @Test
  void refine_byApiPublishesPinnableVersionWithDiffAndRollback() {
    create("t-api");
    score("t-api", "{}", "PERFECT one", "PERFECT two", "three");

    client
        .post()
        .uri("/v1/rubrics/t-api/refine")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("published")
        .jsonPath("$.version")
        .isEqualTo(2)
        .jsonPath("$.trigger")
        .isEqualTo("api");
    client
        .get()
        .uri("/v1/rubrics/t-api/versions")
        .exchange()
        .expectBody()
        .jsonPath("$[1].author")
        .isEqualTo("meta-model:judge-7b")
        .jsonPath("$[1].parent_version")
        .isEqualTo(1);
    client
        .get()
        .uri("/v1/rubrics/t-api/versions/2")
        .exchange()
        .expectBody()
        .jsonPath("$.analysis")
        .isEqualTo(MODELS.analysis)
        .jsonPath("$.samples")
        .value(s -> assertThat((String) s).contains("PERFECT one"));
    client
        .get()
        .uri("/v1/rubrics/t-api/diff?from=1&to=2")
        .exchange()
        .expectBody()
        .jsonPath("$.added[0].criterion")
        .isEqualTo("Penalize padding and repeated phrases.")
        .jsonPath("$.removed[0].criterion")
        .isEqualTo("Uses evidence.")
        .jsonPath("$.changed[0][1].max_points")
        .isEqualTo(3);

    score("t-api", "{\"rubric_version\": 1}", "PERFECT")
        .jsonPath("$.results[0].details.rubric_version")
        .isEqualTo(1)
        .jsonPath("$.results[0].reward")
        .isEqualTo(5.0);
    score("t-api", "{}", "PERFECT").jsonPath("$.results[0].details.rubric_version").isEqualTo(2);

    client
        .post()
        .uri("/v1/rubrics/t-api/rollback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"to_version\": 1, \"parent_version\": 2, \"author\": \"bob\"}")
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(3)
        .jsonPath("$.trigger")
        .isEqualTo("rollback:1")
        .jsonPath("$.items[1].criterion")
        .isEqualTo("Uses evidence.");
    score("t-api", "{}", "PERFECT").jsonPath("$.results[0].details.rubric_version").isEqualTo(3);
  }

  @Test
  void edit_invalidRubricIs422AndStaleParentIs409() {
    create("t-edit");

    client
        .put()
        .uri("/v1/rubrics/t-edit")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"parent_version\": 1, \"items\": [{\"criterion\": \"\", \"max_points\": 0}]}")
        .exchange()
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("item 1 has no criterion"));
    client
        .put()
        .uri("/v1/rubrics/t-edit")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"parent_version\": 1, \"items\": " + ITEMS.replace("Uses", "Cites") + "}")
        .exchange()
        .expectStatus()
        .isCreated();
    client
        .put()
        .uri("/v1/rubrics/t-edit")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"parent_version\": 1, \"items\": " + ITEMS + "}")
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://arbiter.dev/problems/version-conflict")
        .jsonPath("$.status")
        .isEqualTo(409)
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("no longer at version 1"));
    client
        .get()
        .uri("/v1/rubrics/nope")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://arbiter.dev/problems/not-found")
        .jsonPath("$.detail")
        .isEqualTo("no rubric for task 'nope'");
    client
        .get()
        .uri("/v1/rubrics/t-edit/versions/99")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://arbiter.dev/problems/not-found")
        .jsonPath("$.detail")
        .isEqualTo("task 't-edit' has no rubric version 99");
    client
        .post()
        .uri("/v1/rubrics/t-edit/rollback")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"to_version\": 1, \"parent_version\": 1}")
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://arbiter.dev/problems/version-conflict");
    client
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectBody(String.class)
        .value(
            doc -> assertThat(doc).contains("/v1/rubrics/{task}/rollback").contains("/v1/score"));
    client
        .put()
        .uri("/v1/rubrics/" + "x".repeat(201))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"items\": " + ITEMS + "}")
        .exchange()
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://arbiter.dev/problems/invalid-request");
  }

  @Test
  void refine_triggeredByCount() {
    create("t-count");

    score("t-count", "{}", "a", "b", "c", "d", "e", "f");

    assertThat(awaitVersion("t-count", 2)).isEqualTo(2);
    client
        .get()
        .uri("/v1/rubrics/t-count/versions/2")
        .exchange()
        .expectBody()
        .jsonPath("$.trigger")
        .isEqualTo("count");
  }

  @Test
  void refine_triggeredByDetectorAlarmShownInStatusAndMetrics() {
    create("t-sat");

    score(
        "t-sat",
        "{}",
        "PERFECT answer number one with many words",
        "PERFECT answer number two with many words",
        "PERFECT answer number three with many words",
        "PERFECT answer number four with many words",
        "PERFECT answer number five with many words");

    assertThat(awaitVersion("t-sat", 2)).isEqualTo(2);
    client
        .get()
        .uri("/v1/rubrics/t-sat/versions/2")
        .exchange()
        .expectBody()
        .jsonPath("$.trigger")
        .isEqualTo("detector:score_saturation");
    client
        .get()
        .uri("/v1/rubrics/t-sat/status")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.ready")
        .isEqualTo(true)
        .jsonPath("$.loop.detectors[?(@.detector == 'score_saturation')].alarm")
        .isEqualTo(true);
    client
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectBody(String.class)
        .value(
            body ->
                assertThat(body)
                    .contains(
                        "arbiter_meta_detector_alarm{detector=\"score_saturation\",task=\"t-sat\"} 1.0"));
  }
}
