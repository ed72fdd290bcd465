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
    Map<String, Double> curriculum) {

  public StepMetrics withHeldOut(double accuracy) {
    return new StepMetrics(
        phase,
        step,
        totalSteps,
        loss,
        reward,
        this.accuracy,
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
        accuracy,
        elapsedSeconds,
        etaSeconds,
        curriculum);
  }
}
