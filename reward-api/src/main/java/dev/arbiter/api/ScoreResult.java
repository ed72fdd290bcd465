package dev.arbiter.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer for one item.
 *
 * @param id the item's id
 * @param reward the total reward; null when not applicable or masked
 * @param status what happened
 * @param mask true when the trainer should drop this sample (infrastructure failure)
 * @param components named parts of the reward (e.g. {@code iou}, {@code format})
 * @param details why: extracted answer, reason, per-test outcomes, ...
 * @param scorer the scorer and version that produced it, e.g. {@code math-verifier/0.1.0}
 * @param latencyMs time spent scoring this item
 */
public record ScoreResult(
    String id,
    Double reward,
    ScoreStatus status,
    boolean mask,
    Map<String, Double> components,
    Map<String, Object> details,
    String scorer,
    double latencyMs) {

  /**
   * Detail key a scorer sets to {@code true} when its verdict depends on time or load rather than
   * on the item alone (e.g. an {@code ok} result where a test ran out of time): such a result is
   * never cached or reused.
   */
  public static final String LOAD_DEPENDENT = "load_dependent";

  public ScoreResult {
    components = components == null ? Map.of() : components;
    details = details == null ? Map.of() : details;
  }

  /** A verdict: the reward stands. */
  public static ScoreResult ok(
      String id, double reward, Map<String, Double> components, Map<String, Object> details) {
    return new ScoreResult(id, reward, ScoreStatus.OK, false, components, details, null, 0);
  }

  /** The response used up the work budget: a verdict at {@code floor}, not masked. */
  public static ScoreResult timeout(String id, double floor, String reason) {
    return new ScoreResult(
        id, floor, ScoreStatus.TIMEOUT, false, Map.of(), reasonDetails(reason), null, 0);
  }

  /** The gold data is unusable: reward null, not masked. */
  public static ScoreResult invalidReference(String id, String reason) {
    return new ScoreResult(
        id, null, ScoreStatus.INVALID_REFERENCE, false, Map.of(), reasonDetails(reason), null, 0);
  }

  /** The item is unusable (e.g. no response): reward null, not masked. */
  public static ScoreResult invalidRequest(String id, String reason) {
    return new ScoreResult(
        id, null, ScoreStatus.INVALID_REQUEST, false, Map.of(), reasonDetails(reason), null, 0);
  }

  /** An infrastructure failure: reward null, masked. {@code status} must be a masked status. */
  public static ScoreResult failure(String id, ScoreStatus status, String reason) {
    if (!status.masked()) {
      throw new IllegalArgumentException(status + " is not a failure status");
    }
    return new ScoreResult(id, null, status, true, Map.of(), reasonDetails(reason), null, 0);
  }

  /** This result as produced by {@code scorerLabel} in {@code latency} milliseconds. */
  public ScoreResult timed(String scorerLabel, double latency) {
    return new ScoreResult(id, reward, status, mask, components, details, scorerLabel, latency);
  }

  /** This result under another id (the gateway restores the caller's id). */
  public ScoreResult withId(String otherId) {
    return new ScoreResult(otherId, reward, status, mask, components, details, scorer, latencyMs);
  }

  /**
   * True when this verdict could differ for the same item on another run: a {@code timeout}, or a
   * result whose scorer marked it {@link #LOAD_DEPENDENT}.
   */
  public boolean loadDependent() {
    return status == ScoreStatus.TIMEOUT || Boolean.TRUE.equals(details.get(LOAD_DEPENDENT));
  }

  /** True when the trainer can learn from this result: a non-null, unmasked reward. */
  public boolean usable() {
    return !mask && reward != null;
  }

  private static Map<String, Object> reasonDetails(String reason) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("reason", reason);
    return d;
  }
}
