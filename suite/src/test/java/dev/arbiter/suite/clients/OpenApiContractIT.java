package dev.arbiter.suite.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.arbiter.suite.ArbiterSuite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Real requests and answers of the one-process suite (every scorer, groups, a profile, {@code
 * /get_reward}, each problem status) validated against the OpenAPI document it serves at {@code
 * /v3/api-docs}, with a JSON Schema 2020-12 validator (networknt): the document must describe the
 * wire, not the Java types.
 */
@SpringBootTest(
    classes = ArbiterSuite.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.scoring.max-items=50",
      // a backend nothing listens on: its items come back masked
      "arbiter.gateway.backends.down.url=http://127.0.0.1:9",
      "arbiter.gateway.backends.down.scorers=gone",
      "arbiter.gateway.backends.down.resilience.retry-attempts=1"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT {

  private static final String BOX = "{\"box\":[10,28,120,142]}";

  @LocalServerPort int port;
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private JsonNode doc;

  @BeforeAll
  void fetchDocument() throws Exception {
    doc = mapper.readTree(send("GET", "/v3/api-docs", null, null).body());
  }

  static Stream<Arguments> exchanges() {
    String items50 =
        "{\"items\":["
            + String.join(
                ",", java.util.Collections.nCopies(51, "{\"scorer\":\"math\",\"response\":\"1\"}"))
            + "]}";
    return Stream.of(
        Arguments.of(
            "README example: grounding with a group",
            "/v1/score",
            "{\"items\":[{\"id\":\"r1\",\"scorer\":\"grounding\",\"group\":\"q1\",\"response\":"
                + "\"<think>left</think><answer>[12, 30, 118, 140]</answer>\",\"reference\":"
                + BOX
                + "},{\"id\":\"r2\",\"scorer\":\"grounding\",\"group\":\"q1\",\"response\":"
                + "\"<answer>[300, 300, 340, 360]</answer>\",\"reference\":"
                + BOX
                + "}]}",
            200),
        Arguments.of(
            "math, plain answer and an invalid reference (null reward)",
            "/v1/score",
            "{\"items\":[{\"id\":\"m\",\"scorer\":\"math\",\"response\":\"\\\\boxed{4}\","
                + "\"reference\":{\"answer\":\"4\"},\"options\":{\"float_rounding\":6}},"
                + "{\"id\":\"bad\",\"scorer\":\"math\",\"response\":\"4\",\"reference\":{\"answer\":\"\"},"
                + "\"group\":null,\"prompt\":null}],\"profile\":null}",
            200),
        Arguments.of(
            "code, detection, classification, gui-action, principle, rubric (masked)",
            "/v1/score",
            "{\"items\":["
                + "{\"id\":\"c\",\"scorer\":\"code\",\"response\":\"print(2)\",\"reference\":"
                + "{\"language\":\"python\",\"tests\":[{\"stdin\":\"\",\"stdout\":\"2\\n\"}]}},"
                + "{\"id\":\"d\",\"scorer\":\"detection\",\"response\":\"<answer>[{\\\"bbox_2d\\\":"
                + "[1,1,9,9],\\\"label\\\":\\\"cat\\\"}]</answer>\",\"reference\":{\"boxes\":"
                + "[{\"bbox_2d\":[1,1,10,10],\"label\":\"cat\"}]},\"options\":{\"iou_threshold\":0.5}},"
                + "{\"id\":\"k\",\"scorer\":\"classification\",\"response\":\"<answer>cat</answer>\","
                + "\"reference\":{\"label\":\"cat\"}},"
                + "{\"id\":\"g\",\"scorer\":\"gui-action\",\"response\":\"click\",\"reference\":{}},"
                + "{\"id\":\"p\",\"scorer\":\"principle\",\"prompt\":\"How do I boil an egg?\","
                + "\"response\":\"Boil it nine minutes.\",\"options\":{\"mode\":\"per_principle\"}},"
                + "{\"id\":\"r\",\"scorer\":\"rubric\",\"response\":\"An essay.\",\"reference\":{\"task\":\"essay\"}}"
                + "]}",
            200),
        Arguments.of(
            "the visual-rft profile",
            "/v1/score",
            "{\"profile\":\"visual-rft\",\"items\":[{\"id\":\"v\",\"response\":\"<think>x</think>"
                + "<answer>[{\\\"bbox_2d\\\":[1,1,9,9],\\\"label\\\":\\\"cat\\\"}]</answer>\","
                + "\"reference\":{\"boxes\":[{\"bbox_2d\":[1,1,10,10],\"label\":\"cat\"}]},\"group\":\"q\"}]}",
            200),
        Arguments.of(
            "/get_reward out of the box, with a list label and a reward spec",
            "/get_reward",
            "{\"query\":[\"Q: 1+1? A: \\\\boxed{2}\",\"Q: 8? A: 8\",\"Q: c A: <answer>cat</answer>\"],"
                + "\"prompts\":[\"Q: 1+1? A: \",\"Q: 8? A: \",\"Q: c A: \"],"
                + "\"labels\":[\"2\",[\"8\",\"eight\"],{\"scorer\":\"classification\",\"reference\":"
                + "{\"label\":\"cat\"}}]}",
            200),
        Arguments.of(
            "/get_reward with an item that cannot be scored (its backend is down): 503",
            "/get_reward",
            "{\"query\":[\"p x\"],\"prompts\":[\"p\"],\"labels\":[{\"scorer\":\"gone\"}]}",
            503),
        Arguments.of(
            "/get_reward with mismatched lengths: 400",
            "/get_reward",
            "{\"query\":[\"a\",\"b\"],\"prompts\":[\"a\",\"b\"],\"labels\":[\"1\"]}",
            400),
        Arguments.of("malformed JSON: 400", "/v1/score", "{\"items\":[", 400),
        Arguments.of("too many items: 413", "/v1/score", items50, 413),
        Arguments.of(
            "unknown scorer: 422",
            "/v1/score",
            "{\"items\":[{\"scorer\":\"nope\",\"response\":\"1\"}]}",
            422),
        Arguments.of(
            "unknown profile: 422",
            "/v1/score",
            "{\"profile\":\"nope\",\"items\":[{\"response\":\"1\"}]}",
            422));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exchanges")
  void traffic_validatesAgainstTheServedDocument(String name, String path, String body, int status)
      throws Exception {
    HttpResponse<String> response = send("POST", path, body, "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    if (!name.startsWith("malformed")) {
      assertValid("request of " + name, requestSchema(path), mapper.readTree(body));
    }
    String mediaType = status == 200 ? "application/json" : "application/problem+json";
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(mediaType);
    assertValid(
        "answer of " + name,
        responseSchema(path, status, mediaType),
        mapper.readTree(response.body()));
    if (status == 503) {
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void unsupportedMediaType_isADocumentedProblem() throws Exception {
    HttpResponse<String> response = send("POST", "/v1/score", "items", "text/plain");
    assertThat(response.statusCode()).isEqualTo(415);
    assertValid(
        "415 answer",
        responseSchema("/v1/score", 415, "application/problem+json"),
        mapper.readTree(response.body()));
  }

  @Test
  void scorersAndProfiles_validate() throws Exception {
    for (String path : List.of("/v1/scorers", "/v1/profiles")) {
      HttpResponse<String> response = send("GET", path, null, null);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode schema = doc.at("/paths/" + escape(path) + "/get/responses/200/content");
      JsonNode media = schema.elements().next().get("schema");
      assertValid(path, media, mapper.readTree(response.body()));
    }
  }

  @Test
  void document_isTitledArbiterWithAVersion() {
    assertThat(doc.at("/info/title").asText()).isEqualTo("Arbiter");
    assertThat(doc.at("/info/version").asText()).isNotBlank().isNotEqualTo("v0");
  }

  private JsonNode requestSchema(String path) {
    return doc.at("/paths/" + escape(path) + "/post/requestBody/content/application~1json/schema");
  }

  private JsonNode responseSchema(String path, int status, String mediaType) {
    JsonNode schema =
        doc.at(
            "/paths/"
                + escape(path)
                + "/post/responses/"
                + status
                + "/content/"
                + escape(mediaType)
                + "/schema");
    assertThat(schema.isMissingNode())
        .as("document describes %s %d %s", path, status, mediaType)
        .isFalse();
    return schema;
  }

  private static String escape(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  private void assertValid(String what, JsonNode schemaNode, JsonNode instance) {
    assertThat(schemaNode.isMissingNode()).as("schema for %s", what).isFalse();
    ObjectNode root = schemaNode.deepCopy();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", doc.get("components"));
    JsonSchema schema = factory.getSchema(root);
    Set<ValidationMessage> errors = schema.validate(instance);
    List<String> messages = new ArrayList<>();
    errors.forEach(e -> messages.add(e.getMessage()));
    assertThat(messages).as("%s: %s", what, instance).isEmpty();
  }

  private HttpResponse<String> send(String method, String path, String body, String type)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(120));
    if (body == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", type)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
