package dev.arbiter.trainer.run;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The one learning-rate schedule both phases use: Adam with gradients clipped to norm 1, a linear
 * ramp from a twentieth of the rate, then cosine decay to the final rate. A fresh Adam's first
 * steps move every weight by about the rate whatever its gradient; the ramp keeps that from
 * wrecking the policy, the decay lets it settle instead of ending on the last noisy updates.
 */
final class AdamSchedule {

  private AdamSchedule() {}

  /**
   * @param rate the peak learning rate
   * @param finalRate where the cosine decay ends
   * @param rampUpdates updates of the linear ramp (at least 1)
   * @param totalUpdates updates of the whole schedule, ramp included
   */
  static Optimizer rampThenCosine(float rate, float finalRate, int rampUpdates, int totalUpdates) {
    return Optimizer.adam()
        .optLearningRateTracker(
            Tracker.warmUp()
                .optWarmUpSteps(rampUpdates)
                .optWarmUpBeginValue(rate / 20)
                .setMainTracker(
                    Tracker.cosine()
                        .setBaseValue(rate)
                        .optFinalValue(finalRate)
                        .setMaxUpdates(Math.max(1, totalUpdates - rampUpdates))
                        .build())
                .build())
        .optClipGrad(1f)
        .build();
  }
}
