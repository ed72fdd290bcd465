package dev.arbiter.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

  @Test
  void sample_greedyTakesArgmaxOfTheRow() {
    float[] logits = {9f, 0f, 0f, 0f, 1f, 3f};
    assertThat(TokenSampler.greedy().sample(logits, 3, 3, new Random(1))).isEqualTo(2);
  }

  @Test
  void sample_topPKeepsOnlyTheNucleus() {
    // p ~ [0.87, 0.12, 0.005, ...]: top_p 0.5 keeps the first token only
    float[] logits = {4f, 2f, -1f, -1f};
    TokenSampler sampler = new TokenSampler(1.0, 0.5);
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      assertThat(sampler.sample(logits, 0, 4, random)).isZero();
    }
  }

  @Test
  void sample_temperatureOneMatchesSoftmaxFrequencies() {
    float[] logits = {0f, (float) Math.log(3)}; // p = 0.25, 0.75
    TokenSampler sampler = new TokenSampler(1.0, 1.0);
    Random random = new Random(5);
    int ones = 0;
    for (int i = 0; i < 4000; i++) {
      ones += sampler.sample(logits, 0, 2, random);
    }
    assertThat(ones / 4000.0).isBetween(0.72, 0.78);
  }

  @Test
  void constructor_rejectsOutOfRangeSettings() {
    assertThatThrownBy(() -> new TokenSampler(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenSampler(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
