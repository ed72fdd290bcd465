package dev.arbiter.trainer.curriculum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelfEvolvingCurriculumTest {

  @Test
  void update_isTdZeroTowardsMeanAbsoluteAdvantage() {
    var c = new SelfEvolvingCurriculum(List.of("easy", "hard"), 0.5, 1.0);
    c.update("hard", 0.8); // 0 + 0.5 (0.8 - 0) = 0.4
    c.update("hard", 0.2); // 0.4 + 0.5 (0.2 - 0.4) = 0.3
    assertThat(c.values().get("hard")).isCloseTo(0.3, within(1e-12));
    assertThat(c.values().get("easy")).isZero();
  }

  @Test
  void probabilities_areSoftmaxOverValuesByTemperature() {
    var c = new SelfEvolvingCurriculum(List.of("a", "b"), 1.0, 0.5);
    c.update("a", 1.0); // Q = (1, 0), T = 0.5 -> p(a) = e^2 / (e^2 + 1)
    double pa = Math.exp(2) / (Math.exp(2) + 1);
    assertThat(c.probabilities().get("a")).isCloseTo(pa, within(1e-12));
    assertThat(c.probabilities().get("b")).isCloseTo(1 - pa, within(1e-12));
  }

  @Test
  void pick_followsProbabilities() {
    var c = new SelfEvolvingCurriculum(List.of("a", "b"), 1.0, 0.1);
    c.update("b", 1.0); // p(b) = 1 / (1 + e^-10)
    Random random = new Random(7);
    int b = 0;
    for (int i = 0; i < 1000; i++) {
      b += c.pick(random).equals("b") ? 1 : 0;
    }
    assertThat(b).isGreaterThan(990);
  }

  @Test
  void constructor_rejectsBadSettings() {
    assertThatThrownBy(() -> new SelfEvolvingCurriculum(List.of(), 0.5, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SelfEvolvingCurriculum(List.of("a"), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
