package dev.arbiter.verifier.vision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.server.contract.ScoringServiceContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The vision-iou service over real HTTP on a random port: the service contract for its four
 * scorers, and exact result JSON per item.
 */
@SpringBootTest(
    classes = VisionIouApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VisionIouIT extends ScoringServiceContract {

  @Override
  protected Map<String, String> validItems() {
    return Map.of(
        "detection",
        """
        {"scorer": "detection", "response": "<think>t</think><answer>[{\\"bbox_2d\\": [0, 0, 10, 10]}]</answer>",
         "reference": {"boxes": [{"bbox_2d": [0, 0, 10, 10]}]}}""",
        "grounding",
        """
        {"scorer": "grounding", "response": "<answer>[0, 0, 10, 5]</answer>",
         "reference": {"box": [0, 0, 10, 10]}}""",
        "classification",
        """
        {"scorer": "classification", "response": "<answer>cat</answer>", "reference": {"label": "cat"}}""",
        "gui-action",
        """
        {"scorer": "gui-action", "response": "{\\"action\\": \\"click\\", \\"point\\": [50, 50]}",
         "reference": {"action": "click", "box": [40, 40, 60, 60], "image_size": [100, 200]},
         "options": {"format": "none"}}""");
  }

  @Override
  protected String version() {
    return "vision-iou/0.1.0";
  }

  @Override
  protected List<String> invalidReferenceItems() {
    return List.of(
        """
        {"scorer": "detection", "response": "[]", "reference": {"boxes": []}}""");
  }

  @Test
  void score_detectionVerdictMalformedResponseAndInvalidReference() {
    JsonNode results =
        resultsWithoutLatency(
            """
            {"items": [
              {"id": "ok", "scorer": "detection",
               "response": "<think>one cat</think><answer>[{\\"bbox_2d\\": [0, 0, 10, 10], \\"confidence\\": 0.5}]</answer>",
               "reference": {"boxes": [{"bbox_2d": [0, 0, 10, 10], "label": "cat"}]}},
              {"id": "malformed", "scorer": "detection",
               "response": "I think there is a cat",
               "reference": {"boxes": [{"bbox_2d": [0, 0, 10, 10]}]}},
              {"id": "inverted", "scorer": "detection",
               "response": "<think>t</think><answer>[{\\"bbox_2d\\": [10, 0, 0, 10]}]</answer>",
               "reference": {"boxes": [{"bbox_2d": [0, 0, 10, 10]}]}},
              {"id": "broken-gold", "scorer": "detection",
               "response": "[]",
               "reference": {"boxes": []}}
            ]}
            """);

    assertThat(results)
        .isEqualTo(
            JSON.readTree(
                """
                [
                  {"id": "ok", "reward": 2.5, "status": "ok", "mask": false,
                   "components": {"iou": 1.0, "confidence": 0.5, "format": 1.0},
                   "details": {"predicted": 1, "duplicates": 0, "ground_truth": 1, "matched": 1,
                               "reason": "1 of 1 predicted boxes matched 1 ground-truth boxes (iou > 0.5, greedy)"},
                   "scorer": "vision-iou/0.1.0"},
                  {"id": "malformed", "reward": 0.0, "status": "ok", "mask": false,
                   "components": {"iou": 0.0, "confidence": 0.0, "format": 0.0},
                   "details": {"reason": "answer holds no JSON list or object"},
                   "scorer": "vision-iou/0.1.0"},
                  {"id": "inverted", "reward": 1.0, "status": "ok", "mask": false,
                   "components": {"iou": 0.0, "confidence": 0.0, "format": 1.0},
                   "details": {"reason": "answer[0].bbox_2d has x2 < x1"},
                   "scorer": "vision-iou/0.1.0"},
                  {"id": "broken-gold", "reward": null, "status": "invalid_reference", "mask": false,
                   "components": {},
                   "details": {"reason": "reference.boxes is empty"},
                   "scorer": "vision-iou/0.1.0"}
                ]
                """));
  }

  @Test
  void score_groundingClassificationGuiActionAndBadOption() {
    JsonNode results =
        resultsWithoutLatency(
            """
            {"items": [
              {"id": "g", "scorer": "grounding", "response": "<think>t</think><answer>[0, 0, 10, 5]</answer>",
               "reference": {"box": [0, 0, 10, 10]}},
              {"id": "c", "scorer": "classification", "response": "<answer>Tabby cat</answer>",
               "reference": {"label": "tabby cat"}, "options": {"match": "iequals", "format": "answer"}},
              {"id": "u", "scorer": "gui-action", "response": "{\\"action\\": \\"tap\\", \\"point\\": [50, 50]}",
               "reference": {"action": "click", "box": [40, 40, 60, 60], "image_size": [100, 200]},
               "options": {"format": "none"}},
              {"id": "bad-option", "scorer": "grounding", "response": "[0, 0, 1, 1]",
               "reference": {"box": [0, 0, 10, 10]}, "options": {"reward": "dice"}}
            ]}
            """);

    assertThat(results)
        .isEqualTo(
            JSON.readTree(
                """
                [
                  {"id": "g", "reward": 1.5, "status": "ok", "mask": false,
                   "components": {"iou": 0.5, "format": 1.0},
                   "details": {"predicted": [0.0, 0.0, 10.0, 5.0], "reason": "iou 0.5"},
                   "scorer": "vision-iou/0.1.0"},
                  {"id": "c", "reward": 2.0, "status": "ok", "mask": false,
                   "components": {"accuracy": 1.0, "format": 1.0},
                   "details": {"extracted": "Tabby cat", "gold": "tabby cat", "reason": "answer matches 'tabby cat'"},
                   "scorer": "vision-iou/0.1.0"},
                  {"id": "u", "reward": 2.0, "status": "ok", "mask": false,
                   "components": {"type": 1.0, "args": 1.0},
                   "details": {"predicted_action": "click", "distance": 0.0, "hit": true, "location": 1.0,
                               "reason": "action type matches"},
                   "scorer": "vision-iou/0.1.0"},
                  {"id": "bad-option", "reward": null, "status": "invalid_request", "mask": false,
                   "components": {},
                   "details": {"reason": "options.reward must be one of iou, threshold, got dice"},
                   "scorer": "vision-iou/0.1.0"}
                ]
                """));
  }
}
