package dev.arbiter.api;

import java.util.Map;

/**
 * One rollout to score.
 *
 * @param id echoed in the result; unique within a request
 * @param scorer the scorer id ({@code math}, {@code detection}, ...); may be null when the request
 *     names a profile
 * @param prompt the prompt the policy saw (optional for most scorers)
 * @param response the model's full response; required
 * @param reference scorer-specific gold data as a JSON-like map (never null, may be empty)
 * @param options scorer-specific options as a JSON-like map (never null, may be empty)
 * @param group ties the rollouts of one prompt together for GRPO statistics; may be null
 */
public record ScoreItem(
    String id,
    String scorer,
    String prompt,
    String response,
    Map<String, Object> reference,
    Map<String, Object> options,
    String group) {

  public ScoreItem {
    reference = reference == null ? Map.of() : reference;
    options = options == null ? Map.of() : options;
  }

  /** A copy of this item addressed to another scorer (used by composite profiles). */
  public ScoreItem withScorer(String otherScorer) {
    return new ScoreItem(id, otherScorer, prompt, response, reference, options, group);
  }

  /** A copy of this item with other options (used by composite profiles). */
  public ScoreItem withOptions(Map<String, Object> otherOptions) {
    return new ScoreItem(id, scorer, prompt, response, reference, otherOptions, group);
  }
}
