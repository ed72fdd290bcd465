package dev.arbiter.trainer.run;

import java.util.Map;

/**
 * What one step measured; a line of {@code metrics.jsonl} and an SSE event.
 *
 * @param phase {@code sft} or {@code grpo}
 * @param step step number within the phase, from 1
 * @param totalSteps steps in the phase
 * @param loss the objective (cross-entropy for sft)
 * @param reward mean training reward of usable rollouts (grpo)
 * @param accuracy fraction of usable rollouts the scorer judged correct (grpo)
 * @param entropy mean next-token entropy on response tokens
 * @param kl mean KL estimate to the reference policy (0 when off)
 * @param clipFraction fraction of tokens whose ratio was clipped
 * @param kept rollouts in the loss
 * @param masked rollouts dropped because the gateway masked them
 * @param nullRewards rollouts dropped for a null reward
 * @param filteredGroups zero-variance groups dropped
 * @param tokensPerSecond generated tokens per second of generation time
 * @param generationMs time generating rollouts
 * @param rewardMs time the step waited for rewards after generation ended
 * @param rewardLatencyMs mean gateway round trip of this run so far
 * @param updateMs time computing the loss and updating the weights
 * @param heldOutAccuracy held-out accuracy when evaluated at this step, else null
 * @param elapsedSeconds since the run started
 * @param etaSeconds estimated time to the end of the phase
 * @param curriculum category probabilities when the curriculum is on
 * @param mrt the MRT progress bonus's figures when it is on
 */
public record StepMetrics(
    String phase,
    int step,
    int totalSteps,
    double loss,
    Double reward,
    Double accuracy,
    Double entropy,
    Double kl,
    Double clipFraction,
    int kept,
    int masked,
    int nullRewards,
    int filteredGroups,
    Double tokensPerSecond,
    double generationMs,
    double rewardMs,
    double rewardLatencyMs,
    double updateMs,
    Double heldOutAccuracy,
    double elapsedSeconds,
    double etaSeconds,
    Map<String, Double> curriculum,
    Mrt mrt) {

  /**
   * What the MRT progress bonus did and cost in one step.
   *
   * @param ms time estimating prefixes: forced-answer generation plus waiting for their scores
   * @param scoreWaitMs the part of it spent waiting for scores after the last forced answer was
   *     generated (earlier chunks are scored while later ones are generated)
   * @param prefixes distinct (prompt, prefix) pairs estimated
   * @param gatewayItems forced answers scored through the gateway ({@code prefixes × mrt_k})
   * @param meanBonus mean bonus added to a response's training reward
   * @param meanProgress mean progress of one step
   * @param negativeShare share of steps with negative progress
   * @param unestimated responses left out of the loss because a prefix had no usable estimate
   */
  public record Mrt(
      double ms,
      double scoreWaitMs,
      int prefixes,
      int gatewayItems,
      Double meanBonus,
      Double meanProgress,
      Double negativeShare,
      int unestimated) {}

  /** A builder for {@code phase}'s step {@code step} of {@code totalSteps}; other fields empty. */
  public static Builder builder(String phase, int step, int totalSteps) {
    return new Builder(phase, step, totalSteps);
  }

  /** A builder holding every field of this one. */
  public Builder toBuilder() {
    Builder b = new Builder(phase, step, totalSteps);
    b.loss = loss;
    b.reward = reward;
    b.accuracy = accuracy;
    b.entropy = entropy;
    b.kl = kl;
    b.clipFraction = clipFraction;
    b.kept = kept;
    b.masked = masked;
    b.nullRewards = nullRewards;
    b.filteredGroups = filteredGroups;
    b.tokensPerSecond = tokensPerSecond;
    b.generationMs = generationMs;
    b.rewardMs = rewardMs;
    b.rewardLatencyMs = rewardLatencyMs;
    b.updateMs = updateMs;
    b.heldOutAccuracy = heldOutAccuracy;
    b.elapsedSeconds = elapsedSeconds;
    b.etaSeconds = etaSeconds;
    b.curriculum = curriculum;
    b.mrt = mrt;
    return b;
  }

  public StepMetrics withHeldOut(double accuracy) {
    return toBuilder().heldOutAccuracy(accuracy).build();
  }

  /** Builds a {@link StepMetrics} by field name; the record's components say what each means. */
  public static final class Builder {
    private final String phase;
    private final int step;
    private final int totalSteps;
    private double loss;
    private Double reward;
    private Double accuracy;
    private Double entropy;
    private Double kl;
    private Double clipFraction;
    private int kept;
    private int masked;
    private int nullRewards;
    private int filteredGroups;
    private Double tokensPerSecond;
    private double generationMs;
    private double rewardMs;
    private double rewardLatencyMs;
    private double updateMs;
    private Double heldOutAccuracy;
    private double elapsedSeconds;
    private double etaSeconds;
    private Map<String, Double> curriculum;
    private Mrt mrt;

    private Builder(String phase, int step, int totalSteps) {
      this.phase = phase;
      this.step = step;
      this.totalSteps = totalSteps;
    }

    public Builder loss(double value) {
      this.loss = value;
      return this;
    }

    public Builder reward(Double value) {
      this.reward = value;
      return this;
    }

    public Builder accuracy(Double value) {
      this.accuracy = value;
      return this;
    }

    public Builder entropy(Double value) {
      this.entropy = value;
      return this;
    }

    public Builder kl(Double value) {
      this.kl = value;
      return this;
    }

    public Builder clipFraction(Double value) {
      this.clipFraction = value;
      return this;
    }

    public Builder kept(int value) {
      this.kept = value;
      return this;
    }

    public Builder masked(int value) {
      this.masked = value;
      return this;
    }

    public Builder nullRewards(int value) {
      this.nullRewards = value;
      return this;
    }

    public Builder filteredGroups(int value) {
      this.filteredGroups = value;
      return this;
    }

    public Builder tokensPerSecond(Double value) {
      this.tokensPerSecond = value;
      return this;
    }

    public Builder generationMs(double value) {
      this.generationMs = value;
      return this;
    }

    public Builder rewardMs(double value) {
      this.rewardMs = value;
      return this;
    }

    public Builder rewardLatencyMs(double value) {
      this.rewardLatencyMs = value;
      return this;
    }

    public Builder updateMs(double value) {
      this.updateMs = value;
      return this;
    }

    public Builder heldOutAccuracy(Double value) {
      this.heldOutAccuracy = value;
      return this;
    }

    public Builder elapsedSeconds(double value) {
      this.elapsedSeconds = value;
      return this;
    }

    public Builder etaSeconds(double value) {
      this.etaSeconds = value;
      return this;
    }

    public Builder curriculum(Map<String, Double> value) {
      this.curriculum = value;
      return this;
    }

    public Builder mrt(Mrt value) {
      this.mrt = value;
      return this;
    }

    public StepMetrics build() {
      return new StepMetrics(
          phase,
          step,
          totalSteps,
          loss,
          reward,
          accuracy,
          entropy,
          kl,
          clipFraction,
          kept,
          masked,
          nullRewards,
          filteredGroups,
          tokensPerSecond,
          generationMs,
          rewardMs,
          rewardLatencyMs,
          updateMs,
          heldOutAccuracy,
          elapsedSeconds,
          etaSeconds,
          curriculum,
          mrt);
    }
  }
}
