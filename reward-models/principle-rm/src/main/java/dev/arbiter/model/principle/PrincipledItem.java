package dev.arbiter.model.principle;

import dev.arbiter.api.ScoreResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** What is scored as one input: all principles (joint), or each principle alone. */
  public List<List<Principle>> units() {
    return mode == ScoringMode.JOINT
        ? List.of(principles)
        : principles.stream().map(List::of).toList();
  }

  /**
   * The verdict from the scores of this item's units: in joint mode the one score (component {@code
   * joint}); per principle, one component per dimension and their weighted mean.
   *
   * @param scores one per principle ({@link #principles()} order), or one in joint mode
   */
  public ScoreResult verdict(double[] scores, Map<String, Object> details) {
    Map<String, Double> components = new LinkedHashMap<>();
    double reward;
    if (mode == ScoringMode.JOINT && scores.length == 1) {
      reward = scores[0];
      components.put("joint", reward);
    } else {
      for (int k = 0; k < scores.length; k++) {
        components.put(principles.get(k).dimension(), scores[k]);
      }
      reward = weightedMean(scores);
      if (mode == ScoringMode.JOINT) {
        components = Map.of("joint", reward);
      }
    }
    return ScoreResult.ok(null, reward, components, details);
  }

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
