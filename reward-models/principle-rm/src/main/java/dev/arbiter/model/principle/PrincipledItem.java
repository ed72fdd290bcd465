package dev.arbiter.model.principle;

import java.util.List;

/**
 * What a backend scores: one rollout and the principles selected for it.
 *
 * @param prompt the prompt (empty when the item had none)
 * @param response the response
 * @param principles the selected principles, at least one, in the order they are rendered
 * @param mode joint or per principle
 */
public record PrincipledItem(
    String prompt, String response, List<Principle> principles, ScoringMode mode) {

  /** The weighted mean of per-principle rewards given in {@link #principles()} order. */
  public double weightedMean(double[] rewards) {
    double sum = 0;
    double weights = 0;
    for (int i = 0; i < rewards.length; i++) {
      double w = principles.get(i).weight();
      sum += w * rewards[i];
      weights += w;
    }
    return sum / weights;
  }
}
