package dev.arbiter.trainer.mrt;

import java.util.ArrayList;
import java.util.List;

/**
 * MRT's progress and the bonus added to a response's outcome reward.
 *
 * <p>With {@code J_j} the estimated success of the policy forced to answer after the response's
 * first {@code j} steps ({@code J_0}: forced to answer from the prompt alone), the progress of step
 * {@code j} is {@code J_j - J_(j-1)} (MRT's Definition 6.1, {@code r_prg(z_j; c) = J(mu(.|z_j, c))
 * - J(mu(.|c))}), and the training reward is {@code r + alpha * sum_j (J_j - J_(j-1))} (MRT's
 * objective {@code l_FT + alpha * sum_j r_prg}). The sum telescopes to {@code alpha * (J_m - J_0)};
 * it is kept as a sum so that each step's progress is measured and reported.
 *
 * @param progress each step's progress, {@code J_j - J_(j-1)}, in order
 * @param bonus {@code alpha} times their sum
 */
public record ProgressBonus(List<Double> progress, double bonus) {

  public ProgressBonus {
    progress = List.copyOf(progress);
  }

  /**
   * @param estimates {@code J_0 .. J_m}, one per prefix (the empty prefix first); a null estimate
   *     (every forced answer of that prefix was masked) makes the bonus unknown
   * @param alpha the bonus weight
   * @return the bonus, or null when some estimate is missing
   */
  public static ProgressBonus of(List<Double> estimates, double alpha) {
    if (estimates.isEmpty()) {
      throw new IllegalArgumentException("at least the empty prefix's estimate is needed");
    }
    for (Double j : estimates) {
      if (j == null) {
        return null;
      }
    }
    List<Double> progress = new ArrayList<>(estimates.size() - 1);
    double sum = 0;
    for (int j = 1; j < estimates.size(); j++) {
      double p = estimates.get(j) - estimates.get(j - 1);
      progress.add(p);
      sum += p;
    }
    return new ProgressBonus(progress, alpha * sum);
  }
}
