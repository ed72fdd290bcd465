package dev.arbiter.trainer.grpo;

import ai.djl.ndarray.NDArray;

/**
 * The clipped GRPO surrogate with an optional KL penalty (k3 estimator) to a reference policy.
 *
 * <p>Per response token: {@code -min(rho A, clip(rho, 1-eps, 1+eps) A) + beta KL}, with {@code rho
 * = exp(logp - logp_old)} and {@code KL = exp(ref - logp) - (ref - logp) - 1}. GRPO averages tokens
 * per sequence then sequences; Dr. GRPO sums tokens and divides by {@code rows x
 * maxResponseLength}.
 *
 * @param clipEpsilon the ratio clip range
 * @param klBeta the KL weight (0 disables it)
 * @param mode the aggregation that goes with the advantage mode
 */
public record GrpoObjective(double clipEpsilon, double klBeta, AdvantageMode mode) {

  /**
   * @param logp log-probability of each taken token {@code (B, T)}
   * @param oldLogp the same under the sampling policy, or null for exactly on-policy ({@code logp}
   *     detached)
   * @param refLogp the same under the reference policy, or null when the KL is off
   * @param advantages {@code (B, 1)}
   * @param tokenMask {@code (B, T)} 1 on response tokens in the loss, 0 elsewhere
   * @param maxResponseLength Dr. GRPO's constant normalizer per row
   */
  public Result loss(
      NDArray logp,
      NDArray oldLogp,
      NDArray refLogp,
      NDArray advantages,
      NDArray tokenMask,
      int maxResponseLength) {
    NDArray old = oldLogp == null ? logp.stopGradient() : oldLogp;
    NDArray ratio = logp.sub(old).exp();
    NDArray unclipped = ratio.mul(advantages);
    NDArray clipped = ratio.clip(1 - clipEpsilon, 1 + clipEpsilon).mul(advantages);
    NDArray perToken = unclipped.minimum(clipped).neg();
    NDArray kl = null;
    if (refLogp != null && klBeta > 0) {
      NDArray diff = refLogp.sub(logp);
      kl = diff.exp().sub(diff).sub(1);
      perToken = perToken.add(kl.mul(klBeta));
    }
    NDArray masked = perToken.mul(tokenMask);
    NDArray loss;
    if (mode == AdvantageMode.GRPO) {
      NDArray perRow = masked.sum(new int[] {1}).div(tokenMask.sum(new int[] {1}).maximum(1f));
      loss = perRow.mean();
    } else {
      long rows = logp.getShape().get(0);
      loss = masked.sum().div((float) (rows * Math.max(1, maxResponseLength)));
    }
    double tokens = Math.max(1, tokenMask.sum().getFloat());
    NDArray outside = ratio.sub(1).abs().gt(clipEpsilon).toType(tokenMask.getDataType(), false);
    double clipFraction = outside.mul(tokenMask).sum().getFloat() / tokens;
    double meanKl = kl == null ? 0 : kl.mul(tokenMask).sum().getFloat() / tokens;
    return new Result(loss, clipFraction, meanKl);
  }

  /** Log-probabilities {@code (B, T)} of {@code targets (B, T)} under {@code logits (B, T, V)}. */
  public static NDArray tokenLogProbs(NDArray logits, NDArray targets) {
    long vocab = logits.getShape().get(2);
    NDArray logSoftmax = logits.logSoftmax(-1);
    return logSoftmax.mul(targets.oneHot((int) vocab)).sum(new int[] {2});
  }

  /** Mean entropy of the next-token distributions on masked positions (for logging). */
  public static double entropy(NDArray logits, NDArray tokenMask) {
    NDArray logSoftmax = logits.stopGradient().logSoftmax(-1);
    NDArray perToken = logSoftmax.exp().mul(logSoftmax).sum(new int[] {2}).neg();
    return perToken.mul(tokenMask).sum().getFloat() / Math.max(1, tokenMask.sum().getFloat());
  }

  /**
   * @param loss the scalar to differentiate
   * @param clipFraction fraction of tokens whose ratio left the clip range
   * @param kl mean KL estimate to the reference (0 when off)
   */
  public record Result(NDArray loss, double clipFraction, double kl) {}
}
