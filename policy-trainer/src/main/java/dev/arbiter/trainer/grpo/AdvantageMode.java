package dev.arbiter.trainer.grpo;

/** How rewards within a group become advantages, and how token losses are aggregated. */
public enum AdvantageMode {
  /** {@code (r - mean) / (std + eps)}; loss averaged per sequence, then over sequences. */
  GRPO,
  /**
   * Dr. GRPO (Liu et al. 2025): {@code r - mean} without the std division; token losses summed and
   * divided by a constant (rows x max response length), removing the length and difficulty biases.
   */
  DR_GRPO
}
