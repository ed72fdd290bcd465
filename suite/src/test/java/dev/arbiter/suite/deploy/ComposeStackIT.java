package dev.arbiter.suite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
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
    // Generous: on the shared 2-core machine six JVMs starting at once under other builds' load
    // have taken 4.5 minutes to get a service's endpoints up.
    for (String s : order) {
      log.info("{} ready after {}", s, stack.awaitReady(s, Duration.ofMinutes(10)));
    }
    stack.start(GATEWAY, Map.of());
    stack.awaitReady(GATEWAY, Duration.ofMinutes(5));
    if (services.contains("policy-trainer")) {
      stack.start("policy-trainer", Map.of());
      stack.awaitReady("policy-trainer", Duration.ofMinutes(5));
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

    // On the loaded machine a first call to a cold JVM can outlast the gateway's time limit or a
    // verifier's wall-clock ceiling (math-verifier masks `overloaded` when its CPU budget was not
    // reached in time): a masked item, correctly. Ask again until no item was masked, then check
    // every answer strictly (a `timeout` verdict on these probes is a failure: they are cheap).
    String body = items(ids);
    JsonNode results =
        await("a round of probes with no masked item")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> post("/v1/score", body).path("results"),
                r ->
                    StreamSupport.stream(r.spliterator(), false)
                        .noneMatch(x -> x.path("mask").asBoolean()));
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

  /**
   * One math item and one grounding item, both unique to {@code n} (the gateway caches identical
   * items: repeated ones would be answered from its cache while their backend is dead).
   */
  private static String mathAndGrounding(long n) {
    return """
        {"items":[
         {"id":"m%1$d","scorer":"math","response":"so the answer is $\\\\boxed{%1$d}$","reference":{"answer":"%1$d"}},
         {"id":"g%1$d","scorer":"grounding","response":"<answer>[10,10,%2$d,%3$d]</answer>","reference":{"box":[10,10,50,50]}}]}"""
        .formatted(n, 50 + n % 1000, 50 + n / 1000 % 1000);
  }

  private static boolean mathOk(SteadyLoad.Answer a) {
    return a.status() == 200 && "ok".equals(a.result(0).path("status").asString());
  }

  private static boolean mathMasked(SteadyLoad.Answer a) {
    return a.status() == 200 && a.result(0).path("mask").asBoolean(false);
  }

  /** The earliest-received answer satisfying {@code p}, or null. */
  private static SteadyLoad.Answer first(
      List<SteadyLoad.Answer> answers, Predicate<SteadyLoad.Answer> p) {
    return answers.stream().filter(p).findFirst().orElse(null);
  }

  /**
   * Kills math-verifier (SIGKILL, as a crash or the OOM killer would) under a steady load of unique
   * math and grounding items, then starts it again. While it is down every math item comes back
   * masked (scorer_unavailable), every grounding item stays ok, and the gateway stays ready; after
   * the restart math items are scored again. Logs kill-to-first-masked and restart-to-first-ok.
   */
  @Test
  @Order(2)
  void chaos_killedBackendMasksOnlyItsItemsGatewayStaysReadyAndScoringRecovers() throws Exception {
    String math = stack.containers.get("math-verifier");
    String readiness = stack.url(GATEWAY) + "/actuator/health/readiness";
    List<Integer> readinessWhileChaos = new CopyOnWriteArrayList<>();
    long killing; // before the kill call: answers received earlier came from a live backend
    long killed; // after it: requests sent later cannot reach a live backend
    long restarting;
    long restarted;
    SteadyLoad.Answer firstMasked;
    SteadyLoad.Answer firstOk;
    List<SteadyLoad.Answer> all;
    try (SteadyLoad load =
        new SteadyLoad(
                ComposeStack.HTTP,
                URI.create(stack.url(GATEWAY) + "/v1/score"),
                ComposeStackIT::mathAndGrounding,
                2,
                Duration.ofMillis(50),
                Duration.ofMinutes(1))
            .start()) {
      long begin = System.nanoTime();
      await("math items scored before the kill")
          .atMost(Duration.ofMinutes(2))
          .until(() -> load.sentSince(begin).stream().filter(ComposeStackIT::mathOk).count() >= 4);

      killing = System.nanoTime();
      stack.docker().killContainerCmd(math).exec();
      killed = System.nanoTime();
      firstMasked =
          await("a masked math item after the kill")
              .atMost(Duration.ofMinutes(2))
              .until(
                  () -> {
                    readinessWhileChaos.add(ComposeStack.status(readiness));
                    return first(load.sentSince(killed), ComposeStackIT::mathMasked);
                  },
                  Objects::nonNull);
      log.info(
          "math-verifier killed; first masked math item {} ms after the kill: {}",
          (firstMasked.received() - killed) / 1_000_000,
          firstMasked.result(0));
      // Down a while longer (the breaker opens and fails fast), still masking only math.
      await("more masked math items while it is down")
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                readinessWhileChaos.add(ComposeStack.status(readiness));
                return load.sentSince(killed).stream().filter(ComposeStackIT::mathMasked).count()
                    >= 20;
              });

      restarting = System.nanoTime();
      stack.docker().startContainerCmd(math).exec();
      restarted = System.nanoTime();
      AtomicLong backendReady = new AtomicLong();
      firstOk =
          await("an ok math item after the restart")
              .atMost(Duration.ofMinutes(10))
              .pollInterval(Duration.ofMillis(250))
              .until(
                  () -> {
                    readinessWhileChaos.add(ComposeStack.status(readiness));
                    if (backendReady.get() == 0
                        && ComposeStack.status(
                                stack.url("math-verifier") + "/actuator/health/readiness")
                            == 200) {
                      backendReady.set(System.nanoTime());
                    }
                    return first(load.sentSince(restarted), ComposeStackIT::mathOk);
                  },
                  Objects::nonNull);
      // Recovered: ten math items in a row, sent after the first ok one, all ok.
      await("math scoring recovered (ten ok in a row)")
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                List<SteadyLoad.Answer> after = load.sentSince(firstOk.received());
                return after.size() >= 10
                    && after.subList(after.size() - 10, after.size()).stream()
                        .allMatch(ComposeStackIT::mathOk);
              });
      log.info(
          "math-verifier restarted: its readiness UP {} ms after docker start (seen by polling), first"
              + " ok math item through the gateway {} ms after docker start",
          backendReady.get() == 0 ? -1 : (backendReady.get() - restarted) / 1_000_000,
          (firstOk.received() - restarted) / 1_000_000);
      all = load.all();
    }
    log.info(
        "chaos step: {} requests, {} masked math items",
        all.size(),
        all.stream().filter(ComposeStackIT::mathMasked).count());

    assertThat(all)
        .as("every request answered 200")
        .allSatisfy(a -> assertThat(a.status()).as("%s", a).isEqualTo(200));
    assertThat(all)
        .as("grounding (vision-iou) unaffected")
        .allSatisfy(
            a -> {
              assertThat(a.result(1).path("status").asString()).as("%s", a).isEqualTo("ok");
              assertThat(a.result(1).path("mask").asBoolean()).as("%s", a).isFalse();
            });
    // A cold math-verifier JVM starved of CPU after its restart may mask its first items
    // `overloaded` (its budget counts CPU time; the wall-clock ceiling passed first), never a
    // `timeout` verdict at reward 0 for these correct answers.
    assertThat(all)
        .as("math items: ok, or masked scorer_unavailable/overloaded; never an unmasked failure")
        .allSatisfy(
            a -> {
              JsonNode m = a.result(0);
              if (!"ok".equals(m.path("status").asString())) {
                assertThat(m.path("mask").asBoolean()).as("%s", m).isTrue();
                assertThat(m.path("status").asString())
                    .as("%s", m)
                    .isIn("scorer_unavailable", "overloaded");
              }
            });
    // (requests in flight across the kill may be masked: the backend died under them)
    assertThat(all.stream().filter(a -> a.received() < killing))
        .as("math items answered before the kill")
        .allMatch(ComposeStackIT::mathOk);
    assertThat(all.stream().filter(a -> a.sent() >= killed && a.received() < restarting))
        .as("math items sent and answered while math-verifier was down")
        .isNotEmpty()
        .allMatch(ComposeStackIT::mathMasked);
    assertThat(readinessWhileChaos).as("gateway readiness during the chaos step").containsOnly(200);
    assertThat(ComposeStack.status(readiness)).isEqualTo(200);
  }
}
