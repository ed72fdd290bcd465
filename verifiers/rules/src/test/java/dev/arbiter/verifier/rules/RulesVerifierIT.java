package dev.arbiter.verifier.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.json.ArbiterJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The rules service over real HTTP on a random port: exact result JSON per item. */
@SpringBootTest(
    classes = RulesVerifierApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class RulesVerifierIT {

  private static final JsonMapper JSON = ArbiterJson.mapper();

  @Autowired WebTestClient client;

  private JsonNode results(String body) {
    byte[] out =
        client
            .post()
            .uri("/v1/score")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    JsonNode results = JSON.readTree(out).get("results");
    for (JsonNode r : results) {
      assertThat(r.get("latency_ms").isNumber()).isTrue();
      ((ObjectNode) r).remove("latency_ms");
    }
    return results;
  }

  @Test
  void scorers_listsTheEightRuleScorersWithSchemas() {
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
    List<String> ids = new ArrayList<>();
    for (JsonNode s : JSON.readTree(out)) {
      ids.add(s.get("id").asString());
      assertThat(s.get("version").asString()).isEqualTo("rules-verifier/0.1.0");
      assertThat(s.get("options_schema").get("type").asString()).isEqualTo("object");
    }
    assertThat(ids)
        .containsExactlyInAnyOrder(
            "truthfulness",
            "tool-call",
            "web-action",
            "critique",
            "format",
            "length",
            "repetition",
            "reasoning-steps");
  }

  @Test
  void score_verdictsBadGoldAndBadOptionsInOneBatch() {
    JsonNode results =
        results(
            """
            {"items": [
              {"id": "truth", "scorer": "truthfulness", "response": "So: \\\\boxed{I don't know}",
               "reference": {"answer": "Paris"}},
              {"id": "tool", "scorer": "tool-call",
               "response": "<think>t</think>\\n<tool_call>\\n{\\"name\\": \\"f\\", \\"parameters\\": {\\"x\\": 1}}\\n</tool_call>",
               "reference": {"answer": "<tool_call>\\n{\\"name\\": \\"f\\", \\"parameters\\": {\\"x\\": 1}}\\n</tool_call>"}},
              {"id": "critique", "scorer": "critique", "response": "\\\\conclusion{F}",
               "reference": {"label": "perhaps"}},
              {"id": "steps", "scorer": "reasoning-steps", "response": "Step 1: a", "options": {"targte": 3}}
            ]}
            """);
    assertThat(results)
        .isEqualTo(
            JSON.readTree(
                """
                [
                  {"id": "truth", "reward": 0.0, "status": "ok", "mask": false,
                   "components": {"truthfulness": 0.0},
                   "details": {"extracted": "I don't know", "reason": "abstains", "outcome": "abstain"},
                   "scorer": "rules-verifier/0.1.0"},
                  {"id": "tool", "reward": 4.0, "status": "ok", "mask": false,
                   "components": {"format": 1.0, "correctness": 3.0},
                   "details": {"predicted_calls": 1, "reason": "tool calls match the gold exactly", "gold_calls": 1},
                   "scorer": "rules-verifier/0.1.0"},
                  {"id": "critique", "reward": null, "status": "invalid_reference", "mask": false,
                   "components": {},
                   "details": {"reason": "reference.label must be true/false, T/F, correct/incorrect, right/wrong or 1/0, got perhaps"},
                   "scorer": "rules-verifier/0.1.0"},
                  {"id": "steps", "reward": null, "status": "invalid_request", "mask": false,
                   "components": {},
                   "details": {"reason": "unknown option 'targte'; known options are [target]"},
                   "scorer": "rules-verifier/0.1.0"}
                ]
                """));
  }
}
