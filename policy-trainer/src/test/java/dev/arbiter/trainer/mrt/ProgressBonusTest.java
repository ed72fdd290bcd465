package dev.arbiter.trainer.mrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBonusTest {

  @Test
  void of_progressIsTheChangeBetweenConsecutivePrefixes() {
    // J_0 (prompt alone) = 0.25, after step 1 = 0.5, after step 2 = 0.25, after step 3 = 1
    ProgressBonus b = ProgressBonus.of(List.of(0.25, 0.5, 0.25, 1.0), 0.5);
    assertThat(b.progress()).containsExactly(0.25, -0.25, 0.75);
    assertThat(b.bonus()).isCloseTo(0.5 * 0.75, within(1e-12));
  }

  @Test
  void of_sumTelescopesToLastMinusFirst() {
    ProgressBonus b = ProgressBonus.of(List.of(0.75, 0.0, 0.5, 0.25, 0.25), 2);
    assertThat(b.bonus()).isCloseTo(2 * (0.25 - 0.75), within(1e-12));
    assertThat(b.progress()).hasSize(4);
  }

  @Test
  void of_emptyResponse_hasNoStepsAndNoBonus() {
    ProgressBonus b = ProgressBonus.of(List.of(0.5), 1);
    assertThat(b.progress()).isEmpty();
    assertThat(b.bonus()).isZero();
  }

  @Test
  void of_aMissingEstimate_leavesTheBonusUnknown() {
    assertThat(ProgressBonus.of(Arrays.asList(0.5, null, 1.0), 1)).isNull();
  }
}
