package dev.arbiter.trainer.run;

/**
 * What the MRT progress bonus cost per GRPO step, averaged over the run.
 *
 * @param msPerStep prefix estimation time (forced-answer generation + waiting for their scores)
 * @param scoreWaitMsPerStep the part of it spent waiting for scores after generation ended
 * @param shareOfStep that time over the whole step (generation, reward wait, MRT, update)
 * @param gatewayItemsPerStep forced answers scored per step
 * @param rolloutItemsPerStep rollouts scored per step (what the step costs the gateway without MRT)
 * @param prefixesPerStep distinct prefixes estimated per step
 * @param steps GRPO steps averaged
 */
public record MrtCost(
    double msPerStep,
    double scoreWaitMsPerStep,
    double shareOfStep,
    double gatewayItemsPerStep,
    double rolloutItemsPerStep,
    double prefixesPerStep,
    int steps) {

  /** Sums step figures; {@link #summary()} is null before the first. */
  static final class Accumulator {
    private double ms;
    private double waitMs;
    private double stepMs;
    private long items;
    private long rollouts;
    private long prefixes;
    private int steps;

    void add(StepMetrics.Mrt step, int rolloutItems, double wholeStepMs) {
      ms += step.ms();
      waitMs += step.scoreWaitMs();
      stepMs += wholeStepMs;
      items += step.gatewayItems();
      rollouts += rolloutItems;
      prefixes += step.prefixes();
      steps++;
    }

    MrtCost summary() {
      if (steps == 0) {
        return null;
      }
      return new MrtCost(
          ms / steps,
          waitMs / steps,
          stepMs == 0 ? 0 : ms / stepMs,
          (double) items / steps,
          (double) rollouts / steps,
          (double) prefixes / steps,
          steps);
    }
  }
}
