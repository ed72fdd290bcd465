package dev.arbiter.trainer.filter;

import dev.arbiter.api.ScoreResult;
import java.util.List;

/**
 * Decides from an instance's K pre-training rollouts whether it stays in the training set
 * (RIF-RFT): all K at the floor reward — the policy never solves it, so every GRPO group on it has
 * zero variance and no gradient, while a KL or entropy term would still pull the policy around — is
 * dropped; optionally all K solved is dropped too (MagicGUI's static filter: too easy to teach
 * anything). A rollout the gateway masked or left without a reward never decides: an instance with
 * one is kept and counted as unjudged, so an infrastructure failure cannot shrink the training set.
 *
 * @param floor a scorer reward at or below this counts as the floor (0 for binary scorers)
 * @param solvedAt a scorer reward at or above this counts as solved (the trainer's accuracy rule)
 * @param dropSolved also drop instances whose K rollouts were all solved
 */
public record InstanceFilter(double floor, double solvedAt, boolean dropSolved) {

  /** What happens to an instance. */
  public enum Decision {
    KEEP,
    /** kept although some rollout had no usable reward (masked, invalid reference) */
    KEEP_UNJUDGED,
    DROP_ALL_FLOOR,
    DROP_ALL_SOLVED;

    public boolean kept() {
      return this == KEEP || this == KEEP_UNJUDGED;
    }
  }

  /**
   * @param results the scorer's verdicts on the instance's K rollouts (the scorer's reward, without
   *     the trainer's format component)
   */
  public Decision decide(List<ScoreResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("an instance needs at least one rollout to be judged");
    }
    boolean allFloor = true;
    boolean allSolved = true;
    for (ScoreResult r : results) {
      if (!r.usable()) {
        return Decision.KEEP_UNJUDGED;
      }
      allFloor &= r.reward() <= floor;
      allSolved &= r.reward() >= solvedAt;
    }
    if (allFloor) {
      return Decision.DROP_ALL_FLOOR;
    }
    return dropSolved && allSolved ? Decision.DROP_ALL_SOLVED : Decision.KEEP;
  }
}
