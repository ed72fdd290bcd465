package dev.arbiter.verifier.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.server.contract.ScoringServiceContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The rules service over real HTTP on a random port: the service contract for its eight scorers,
 * and exact result JSON per item.
 */
@SpringBootTest(
    classes = RulesVerifierApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RulesVerifierIT extends ScoringServiceContract {

  @Override
  protected Map<String, String> validItems() {
    return Map.of(
        "truthfulness",
        """
        {"scorer": "truthfulness", "response": "It is \\\\boxed{Paris}.", "reference": {"answer": "Paris"}}""",
        "tool-call",
        """
        {"scorer": "tool-call",
         "response": "<think>t</think>\\n<tool_call>\\n{\\"name\\": \\"f\\", \\"parameters\\": {}}\\n</tool_call>",
         "reference": {"answer": "<tool_call>\\n{\\"name\\": \\"f\\", \\"parameters\\": {}}\\n</tool_call>"}}""",
        "web-action",
        """
        {"scorer": "web-action",
         "response": "{\\"rationale\\": \\"r\\", \\"action\\": {\\"type\\": \\"click\\", \\"name\\": \\"buy\\"}}",
         "reference": {"type": "click", "name": "buy"}}""",
        "critique",
        """
        {"scorer": "critique", "response": "Correct.\\n\\\\conclusion{T}", "reference": {"label": true}}""",
        "format",
        """
        {"scorer": "format", "response": "<think>\\nr\\n</think>\\n<answer>\\n42\\n</answer>"}""",
        "length",
        """
        {"scorer": "length", "response": "short", "options": {"correct": true}}""",
        "repetition",
        """
        {"scorer": "repetition", "response": "the quick brown fox jumps over the lazy dog"}""",
        "reasoning-steps",
        """
        {"scorer": "reasoning-steps", "response": "Step 1: read. Step 2: add. Step 3: check."}""");
  }

  @Override
  protected String version() {
    return "rules-verifier/0.1.0";
  }

  @Override
  protected List<String> invalidReferenceItems() {
    return List.of(
        """
        {"scorer": "critique", "response": "\\\\conclusion{F}", "reference": {"label": "perhaps"}}""");
  }

  @Test
  void score_verdictsBadGoldAndBadOptionsInOneBatch() {
    JsonNode results =
        resultsWithoutLatency(
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
