package dev.arbiter.suite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole stack from docker-compose.yml's own service definitions ({@link ComposeStack}): every
 * service image built from the jars this build packaged, every container ready, every scorer
 * answering through the gateway (which learned their ids from the backends), and a chaos step: a
 * backend killed under load masks only its own items while the gateway stays ready, and scoring
 * recovers when it returns. Skipped (reported as skipped) where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

  private static final Logger log = LoggerFactory.getLogger(ComposeStackIT.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String GATEWAY = "reward-gateway";
  private static ComposeStack stack;

  /** One item per scorer id shipped here, and what it must answer. */
  private static final Map<String, String> PROBES = new LinkedHashMap<>();

  private static final Map<String, Double> EXPECTED_REWARD = new LinkedHashMap<>();

  static {
    probe(
        "detection",
        """
        {"scorer":"detection","response":"<think>t</think><answer>[{\\"bbox_2d\\":[10,10,50,50],\\"label\\":\\"cat\\"}]</answer>",
         "reference":{"boxes":[{"bbox_2d":[10,10,50,50],"label":"cat"}]}}""",
        null);
    probe(
        "grounding",
        """
        {"scorer":"grounding","response":"<answer>[10,10,50,50]</answer>","reference":{"box":[10,10,50,50]}}""",
        null);
    probe(
        "classification",
        """
        {"scorer":"classification","response":"<think>t</think><answer>cat</answer>","reference":{"label":"cat"}}""",
        null);
    probe(
        "gui-action",
        """
        {"scorer":"gui-action","response":"<answer>{\\"action\\":\\"click\\",\\"point\\":[20,20]}</answer>",
         "reference":{"action":"click","box":[10,10,50,50],"image_size":[100,100]}}""",
        null);
    probe(
        "math",
        """
        {"scorer":"math","response":"so the answer is $\\\\boxed{0.75}$","reference":{"answer":"\\\\frac{3}{4}"}}""",
        1.0);
    probe(
        "code",
        """
        {"scorer":"code","response":"```python\\na, b = map(int, input().split())\\nprint(a + b)\\n```",
         "reference":{"language":"python","tests":[{"stdin":"1 2\\n","stdout":"3\\n"}]}}""",
        1.0);
    probe(
        "principle",
        """
        {"scorer":"principle","prompt":"Say hello.","response":"Hello! How can I help you today?","reference":{}}""",
        null);
    // The rules service's scorers: the first `ok` case of each in its conformance data.
    probe(
        "truthfulness",
        "{\"scorer\": \"truthfulness\", \"response\": \"The capital of France is \\\\boxed{Paris}.\", \"reference\": {\"answer\": \"Paris\"}}",
        1.0);
    probe(
        "tool-call",
        "{\"scorer\": \"tool-call\", \"response\": \"<think>need weather</think>\\n<tool_call>\\n{\\\"name\\\": \\\"get_weather\\\", \\\"parameters\\\": {\\\"city\\\": \\\"Paris\\\", \\\"unit\\\": \\\"celsius\\\"}}\\n</tool_call>\", \"reference\": {\"answer\": \"<think>I should look up the weather.</think>\\n<tool_call>\\n{\\\"name\\\": \\\"get_weather\\\", \\\"parameters\\\": {\\\"city\\\": \\\"Paris\\\", \\\"unit\\\": \\\"celsius\\\"}}\\n</tool_call>\"}}",
        4.0);
    probe(
        "web-action",
        "{\"scorer\": \"web-action\", \"response\": \"{\\\"rationale\\\": \\\"want it\\\", \\\"action\\\": {\\\"type\\\": \\\"click\\\", \\\"name\\\": \\\"add to cart\\\"}}\", \"reference\": {\"type\": \"click\", \"name\": \"add to cart\"}}",
        2.0);
    probe(
        "critique",
        "{\"scorer\": \"critique\", \"response\": \"The loop bound is right and edge cases pass.\\n\\\\conclusion{T}\", \"reference\": {\"label\": true}}",
        1.0);
    probe(
        "format",
        "{\"scorer\": \"format\", \"response\": \"<think>\\nreason\\n</think>\\n<answer>\\n42\\n</answer>\", \"reference\": {}}",
        2.0);
    probe(
        "length",
        "{\"scorer\": \"length\", \"response\": \"\", \"reference\": {}, \"options\": {\"correct\": true}}",
        1.0);
    probe(
        "repetition",
        "{\"scorer\": \"repetition\", \"response\": \"the quick brown fox jumps over the lazy dog\", \"reference\": {}}",
        0.0);
    probe(
        "reasoning-steps",
        "{\"scorer\": \"reasoning-steps\", \"response\": \"Step 1: read. Step 2: add. Step 3: check.\", \"reference\": {}}",
        1.0);
  }

  private static void probe(String scorer, String item, Double reward) {
    PROBES.put(scorer, item);
    EXPECTED_REWARD.put(scorer, reward);
  }

  @BeforeAll
  static void buildAndStart() throws InterruptedException {
    stack = new ComposeStack();
    stack.removeLeftovers();
    List<String> services = new ArrayList<>(stack.ownServices().keySet());
    log.info("base images: {}", stack.baseImages());
    services.forEach(stack::build);
    log.info("image build times: {}", stack.buildTimes);
    stack.assignPorts(services);
    long start = System.nanoTime();
    // Scorer services first, the gateway after (compose: depends_on), the trainer last.
    List<String> order = new ArrayList<>(services);
    order.remove(GATEWAY);
    order.remove("policy-trainer");
    order.forEach(s -> stack.start(s, Map.of()));
    for (String s : order) {
      log.info("{} ready after {}", s, stack.awaitReady(s, Duration.ofMinutes(5)));
    }
    stack.start(GATEWAY, Map.of());
    stack.awaitReady(GATEWAY, Duration.ofMinutes(3));
    if (services.contains("policy-trainer")) {
      stack.start("policy-trainer", Map.of());
      stack.awaitReady("policy-trainer", Duration.ofMinutes(3));
    }
    log.info(
        "stack of {} services ready {} ms after the first container start",
        services.size(),
        (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> response =
        ComposeStack.HTTP.send(
            HttpRequest.newBuilder(URI.create(stack.url(GATEWAY) + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        ComposeStack.HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String items(List<String> scorers) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < scorers.size(); i++) {
      String probe = PROBES.get(scorers.get(i));
      if (probe == null) {
        probe = "{\"scorer\":\"" + scorers.get(i) + "\",\"response\":\"x\",\"reference\":{}}";
      }
      items.add("{\"id\":\"i" + i + "\"," + probe.strip().substring(1));
    }
    return "{\"items\":[" + String.join(",", items) + "]}";
  }

  @Test
  @Order(1)
  void gateway_routesEveryScorerTheBackendsListAndEachAnswers() throws Exception {
    List<String> ids = new ArrayList<>();
    get(stack.url(GATEWAY) + "/v1/scorers").forEach(d -> ids.add(d.path("id").asString()));
    assertThat(ids).containsAll(PROBES.keySet()).contains("rubric");

    JsonNode results = post("/v1/score", items(ids)).path("results");
    assertThat(results).hasSize(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String scorer = ids.get(i);
      JsonNode r = results.get(i);
      if (scorer.equals("rubric")) {
        // meta-reward's own answer: the probe names no task (invalid_reference); with a task and
        // no judge (ARBITER_JUDGE_URL unset) it would be masked.
        assertThat(r.path("scorer").asString()).as(r.toString()).startsWith("meta-reward");
        assertThat(r.path("status").asString())
            .as(r.toString())
            .isIn("invalid_reference", "scorer_unavailable");
        continue;
      }
      assertThat(r.path("status").asString()).as("%s: %s", scorer, r).isEqualTo("ok");
      assertThat(r.path("mask").asBoolean()).isFalse();
      Double expected = EXPECTED_REWARD.get(scorer);
      if (expected != null) {
        assertThat(r.path("reward").asDouble()).as("%s: %s", scorer, r).isEqualTo(expected);
      } else {
        assertThat(r.path("reward").isNumber()).as("%s: %s", scorer, r).isTrue();
      }
    }
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    waitUntil(condition, timeout, List.of());
  }

  private static void waitUntil(
      java.util.function.BooleanSupplier condition, Duration timeout, Iterable<String> context)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime())
          .as("waited %s; seen: %s", timeout, context)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
