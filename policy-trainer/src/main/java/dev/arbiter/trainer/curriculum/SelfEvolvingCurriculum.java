package dev.arbiter.trainer.curriculum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Self-Evolving Curriculum (Chen et al. 2025): a non-stationary bandit over task categories. A
 * category's value Q is a TD(0) estimate of the learning gain it gives, measured as the mean
 * absolute advantage of its rollouts; categories are drawn from a softmax over Q. Not thread-safe;
 * the training loop owns it.
 */
public final class SelfEvolvingCurriculum {

  private final Map<String, Double> values = new LinkedHashMap<>();
  private final double learningRate;
  private final double temperature;

  /**
   * @param categories arms
   * @param learningRate TD(0) step size alpha in (0, 1]
   * @param temperature softmax temperature (> 0)
   */
  public SelfEvolvingCurriculum(List<String> categories, double learningRate, double temperature) {
    if (categories.isEmpty() || learningRate <= 0 || learningRate > 1 || temperature <= 0) {
      throw new IllegalArgumentException(
          "curriculum needs categories, alpha in (0, 1] and temperature > 0");
    }
    categories.forEach(c -> values.put(c, 0.0));
    this.learningRate = learningRate;
    this.temperature = temperature;
  }

  /** Softmax over Q / temperature, in category order. */
  public Map<String, Double> probabilities() {
    double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Map<String, Double> p = new LinkedHashMap<>();
    double sum = 0;
    for (Map.Entry<String, Double> e : values.entrySet()) {
      double w = Math.exp((e.getValue() - max) / temperature);
      p.put(e.getKey(), w);
      sum += w;
    }
    double total = sum;
    p.replaceAll((k, w) -> w / total);
    return p;
  }

  public String pick(Random random) {
    double u = random.nextDouble();
    String last = null;
    for (Map.Entry<String, Double> e : probabilities().entrySet()) {
      last = e.getKey();
      u -= e.getValue();
      if (u <= 0) {
        return last;
      }
    }
    return last;
  }

  /** TD(0): {@code Q <- Q + alpha (reward - Q)}, reward = mean |advantage| of the category. */
  public void update(String category, double reward) {
    values.computeIfPresent(category, (k, q) -> q + learningRate * (reward - q));
  }

  public Map<String, Double> values() {
    return Map.copyOf(values);
  }
}
