package dev.arbiter.model.principle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.model.principle.onnx.TinyRewardModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service over a configured model directory (the tiny generated model), end to end. */
@SpringBootTest(
    classes = PrincipleRmApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.principle.default-mode=per_principle",
      "arbiter.principle.sets.style[0].dimension=positive",
      "arbiter.principle.sets.style[0].definition=good great",
      "arbiter.principle.sets.style[0].weight=2",
      "arbiter.principle.sets.style[1].dimension=negative",
      "arbiter.principle.sets.style[1].definition=bad",
      "arbiter.principle.sets.style[2].dimension=neutral",
      "arbiter.principle.sets.style[2].definition=the answer",
      "arbiter.principle.batching.max-batch-size=16",
      "arbiter.principle.batching.max-wait=10ms",
      "arbiter.principle.onnx.intra-op-threads=1"
    })
class OnnxModelIT {

  static final Path DIR;

  static {
    try {
      DIR =
          TinyRewardModel.write(
              Files.createTempDirectory("tiny-rm"),
              TinyRewardModel.Variant.PLAIN,
              """
              {"name":"tiny","template":"principles : {principles} user : {prompt} assistant : {response}",
               "principle_template":"{definition}","max_length":32,"normalization":"sigmoid"}""");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void modelDir(DynamicPropertyRegistry registry) {
    registry.add("arbiter.principle.model-dir", DIR::toString);
  }

  @LocalServerPort int port;
  WebTestClient client;

  @BeforeEach
  void setUp() {
    client = ReadinessAwait.readyClient(port);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> score(String body) {
    Map<String, Object> response =
        client
            .post()
            .uri("/v1/score")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (List<Map<String, Object>>) response.get("results");
  }

  @Test
  void prometheus_exposesBatchCounters() {
    score("{\"items\":[{\"id\":\"m\",\"scorer\":\"principle\",\"response\":\"good\"}]}");
    client
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            body ->
                assertThat(body)
                    .containsPattern("arbiter_principle_batches_total [1-9]")
                    .contains("arbiter_principle_batch_inputs_total")
                    .contains("arbiter_principle_batch_queue"));
  }

  @Test
  void scorers_describeTheConfiguredModel() {
    client
        .get()
        .uri("/v1/scorers")
        .exchange()
        .expectBody()
        .jsonPath("$[0].description")
        .value(d -> assertThat((String) d).contains("reward model 'tiny'").contains("on cpu"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void score_namedSetPerPrincipleWithSigmoidRewards() {
    List<Map<String, Object>> r =
        score(
            """
            {"items":[
              {"id":"g","scorer":"principle","prompt":"a question","response":"good answer",
               "options":{"principle_set":"style"},"group":"q"},
              {"id":"b","scorer":"principle","prompt":"a question","response":"terrible answer",
               "options":{"principle_set":"style"},"group":"q"}]}""");
    Map<String, Object> good = r.get(0);
    assertThat(good).containsEntry("status", "ok").containsEntry("scorer", "principle-rm/0.1.0");
    Map<String, Number> comps = (Map<String, Number>) good.get("components");
    assertThat(comps).containsOnlyKeys("positive", "negative", "neutral");
    double mean =
        (2 * comps.get("positive").doubleValue()
                + comps.get("negative").doubleValue()
                + comps.get("neutral").doubleValue())
            / 4;
    assertThat(((Number) good.get("reward")).doubleValue()).isCloseTo(mean, within(1e-9));
    assertThat(comps.values()).allMatch(v -> v.doubleValue() > 0 && v.doubleValue() < 1);
    assertThat(((Number) good.get("reward")).doubleValue())
        .isGreaterThan(((Number) r.get(1).get("reward")).doubleValue());
  }

  @Test
  @SuppressWarnings("unchecked")
  void score_sampleKIsReproduciblePerItemAndVariesAcrossItems() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"r")
          .append(i)
          .append("\",\"scorer\":\"principle\",\"response\":\"good\",")
          .append("\"options\":{\"principle_set\":\"style\",\"sample_k\":1,\"seed\":7}}");
    }
    String body = "{\"items\":[" + items + "]}";
    List<Map<String, Object>> first = score(body);
    List<Map<String, Object>> second = score(body);
    for (int i = 0; i < first.size(); i++) {
      Map<String, Object> d1 = (Map<String, Object>) first.get(i).get("details");
      Map<String, Object> d2 = (Map<String, Object>) second.get(i).get("details");
      assertThat(d1).containsEntry("sampled", true);
      assertThat(d1.get("principles")).isEqualTo(d2.get("principles"));
      assertThat((List<?>) d1.get("principles")).hasSize(1);
      assertThat(first.get(i).get("reward")).isEqualTo(second.get(i).get("reward"));
    }
    assertThat(
            first.stream()
                .map(x -> ((Map<String, Object>) x.get("details")).get("principles"))
                .distinct()
                .count())
        .as("different items draw different principles")
        .isGreaterThan(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void score_jointModeOverridesDefaultAndResponseOverMaxLengthIsFlagged() {
    List<Map<String, Object>> r =
        score(
            """
            {"items":[{"id":"long","scorer":"principle","prompt":"q",
              "response":"%s","options":{"mode":"joint","principle_set":"style"}}]}"""
                .formatted("good ".repeat(100)));
    assertThat(r.get(0)).containsEntry("status", "ok");
    assertThat((Map<String, Object>) r.get(0).get("details"))
        .containsEntry("mode", "joint")
        .containsEntry("truncated", true)
        .containsEntry("tokens", 32);
  }
}
