package dev.arbiter.api;

import java.util.List;

/**
 * A batch of items to score.
 *
 * @param items the rollouts, answered in the same order
 * @param profile a composite reward configured in the gateway; null for plain scoring
 */
public record ScoreRequest(List<ScoreItem> items, String profile) {

  public ScoreRequest {
    items = items == null ? List.of() : items;
  }

  public static ScoreRequest of(List<ScoreItem> items) {
    return new ScoreRequest(items, null);
  }
}
