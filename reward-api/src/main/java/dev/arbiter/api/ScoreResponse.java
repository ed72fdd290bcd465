package dev.arbiter.api;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link ScoreRequest}.
 *
 * @param results one per item, in request order
 * @param groups GRPO statistics per {@code group}; empty when no item named a group
 */
public record ScoreResponse(List<ScoreResult> results, Map<String, GroupStats> groups) {

  public ScoreResponse {
    results = results == null ? List.of() : results;
    groups = groups == null ? Map.of() : groups;
  }
}
