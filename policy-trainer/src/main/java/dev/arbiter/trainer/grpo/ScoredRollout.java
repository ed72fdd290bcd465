package dev.arbiter.trainer.grpo;

import dev.arbiter.api.ScoreResult;

/**
 * One rollout's verdict as the trainer sees it.
 *
 * @param id the rollout id sent to the scorer
 * @param group the prompt it answers (GRPO group)
 * @param category the task category (for the curriculum)
 * @param result the scorer's result
 * @param reward the training reward: the scorer's reward plus the format component; null when the
 *     scorer gave none (masked, invalid reference)
 */
public record ScoredRollout(
    String id, String group, String category, ScoreResult result, Double reward) {

  /** True when the trainer may learn from it. */
  public boolean usable() {
    return result.usable() && reward != null;
  }
}
