package dev.arbiter.trainer.model;

import java.util.Arrays;
import java.util.Random;

/**
 * Picks the next token from one row of logits: greedy at temperature 0, otherwise softmax at the
 * temperature restricted to the smallest set of tokens whose probability reaches {@code topP}
 * (nucleus sampling).
 *
 * @param temperature 0 for greedy decoding
 * @param topP nucleus mass in (0, 1]
 */
public record TokenSampler(double temperature, double topP) {

  public TokenSampler {
    if (temperature < 0 || topP <= 0 || topP > 1) {
      throw new IllegalArgumentException(
          "temperature should be >= 0 and top_p in (0, 1]: " + temperature + ", " + topP);
    }
  }

  public static TokenSampler greedy() {
    return new TokenSampler(0, 1);
  }

  public int sample(float[] logits, int offset, int vocab, Random random) {
    if (temperature == 0) {
      int best = 0;
      for (int i = 1; i < vocab; i++) {
        if (logits[offset + i] > logits[offset + best]) {
          best = i;
        }
      }
      return best;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      max = Math.max(max, logits[offset + i]);
    }
    double[] p = new double[vocab];
    double sum = 0;
    for (int i = 0; i < vocab; i++) {
      p[i] = Math.exp((logits[offset + i] - max) / temperature);
      sum += p[i];
    }
    Integer[] order = new Integer[vocab];
    for (int i = 0; i < vocab; i++) {
      p[i] /= sum;
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    double kept = 0;
    int keep = 0;
    while (keep < vocab && (keep == 0 || kept < topP)) {
      kept += p[order[keep]];
      keep++;
    }
    double u = random.nextDouble() * kept;
    for (int j = 0; j < keep; j++) {
      u -= p[order[j]];
      if (u <= 0) {
        return order[j];
      }
    }
    return order[keep - 1];
  }
}
