package dev.arbiter.model.meta.judge;

import dev.arbiter.api.json.LenientJson;
import dev.arbiter.model.judge.JudgeRequest;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The judge's prompt and the parsing of its answer, in MPO's per-item format: for every rubric item
 * a one-sentence rationale, then an integer score. The answer is asked for as JSON so that it
 * parses without guessing; anything else is malformed, never a guessed score.
 */
public final class RubricPrompt {

  static final String SYSTEM =
      "You are a strict grader. Grade the response against every rubric item independently."
          + " For each item give a one-sentence rationale, then an integer score between 0 and"
          + " the item's maximum points. Do not reward length, flattery or restating the rubric.";

  private RubricPrompt() {}

  /** The chat request that asks the judge to grade {@code response} against {@code rubric}. */
  public static JudgeRequest request(RubricVersion rubric, String prompt, String response) {
    StringBuilder u = new StringBuilder(512 + response.length());
    u.append("# Task\n").append(rubric.description()).append("\n\n# Rubric\n");
    List<RubricItem> items = rubric.items();
    for (int i = 0; i < items.size(); i++) {
      RubricItem item = items.get(i);
      u.append(i + 1)
          .append(". (")
          .append(item.maxPoints())
          .append(" points) ")
          .append(item.criterion())
          .append('\n');
      for (String example : item.examples()) {
        u.append("   Example: ").append(example).append('\n');
      }
    }
    u.append("\n# Prompt\n")
        .append(prompt == null ? "" : prompt)
        .append("\n\n# Response\n")
        .append(response)
        .append("\n\n# Answer format\nReturn only JSON: {\"items\": [{\"item\": 1, \"rationale\":")
        .append(" \"<one sentence>\", \"score\": <integer>}, ...]} with exactly ")
        .append(items.size())
        .append(" entries, one per rubric item, in rubric order.");
    return JudgeRequest.of(SYSTEM, u.toString());
  }

  /**
   * The per-item scores in {@code text}, in rubric order.
   *
   * @throws MalformedVerdictException when it is not JSON of the asked shape, misses or repeats an
   *     item, or gives a score that is not an integer within the item's points
   */
  public static List<ItemScore> parse(String text, RubricVersion rubric) {
    // the judge client bounds the answer (max-response-bytes); parsing is linear in it
    JsonNode root = LenientJson.firstObject(text, Integer.MAX_VALUE).orElse(null);
    if (root == null || !root.path("items").isArray()) {
      throw new MalformedVerdictException("judge answer has no JSON object with an 'items' array");
    }
    JsonNode entries = root.path("items");
    int n = rubric.items().size();
    if (entries.size() != n) {
      throw new MalformedVerdictException(
          "judge answer scores " + entries.size() + " items; the rubric has " + n);
    }
    ItemScore[] out = new ItemScore[n];
    for (int k = 0; k < n; k++) {
      JsonNode e = entries.get(k);
      int index = e.path("item").isIntegralNumber() ? e.path("item").asInt() - 1 : k;
      if (index < 0 || index >= n || out[index] != null) {
        throw new MalformedVerdictException(
            "judge answer names item " + (index + 1) + " twice or out of range");
      }
      JsonNode score = e.path("score");
      if (!score.isNumber() || score.asDouble() != Math.rint(score.asDouble())) {
        throw new MalformedVerdictException(
            "item " + (index + 1) + "'s score should be an integer, was " + score);
      }
      int points = score.asInt();
      int max = rubric.items().get(index).maxPoints();
      if (points < 0 || points > max) {
        throw new MalformedVerdictException(
            "item " + (index + 1) + "'s score " + points + " is outside 0.." + max);
      }
      out[index] = new ItemScore(points, e.path("rationale").asString(""));
    }
    return new ArrayList<>(List.of(out));
  }
}
