package dev.arbiter.server.scoring;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;

/**
 * The per-item checks of the contract that need no scorer: an item must exist, name a scorer and
 * carry a response. Every {@code /v1/score} path applies them once, where it first sees the items
 * (a scorer service's {@link ScoringEngine#score(java.util.List)}, the gateway's fan-out); what a
 * scorer refuses in an item's options is checked by that scorer ({@code Scorer.checkRequest}) in
 * the engine.
 */
public final class ItemChecks {

  private ItemChecks() {}

  /** The item's {@code invalid_request} result, or null when it can be routed to its scorer. */
  public static ScoreResult routable(ScoreItem item) {
    if (item == null) {
      return ScoreResult.invalidRequest(null, "item is null");
    }
    if (item.scorer() == null || item.scorer().isBlank()) {
      return ScoreResult.invalidRequest(
          item.id(), "item has no 'scorer' and the request names no 'profile'");
    }
    if (item.response() == null) {
      return ScoreResult.invalidRequest(item.id(), "item has no 'response'");
    }
    return null;
  }
}
