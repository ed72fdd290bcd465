package dev.arbiter.trainer.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.trainer.filter.InstanceFilter.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceFilterTest {

  private static final InstanceFilter RIF = new InstanceFilter(0, 0.999, false);
  private static final InstanceFilter STATIC = new InstanceFilter(0, 0.999, true);

  private static List<ScoreResult> rewards(double... values) {
    List<ScoreResult> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(ScoreResult.ok("r" + i, values[i], Map.of(), Map.of()));
    }
    return out;
  }

  @Test
  void decide_allAtTheFloor_dropsTheInstance() {
    assertThat(RIF.decide(rewards(0, 0, 0, 0))).isEqualTo(Decision.DROP_ALL_FLOOR);
    assertThat(STATIC.decide(rewards(0, 0, 0, 0))).isEqualTo(Decision.DROP_ALL_FLOOR);
  }

  @Test
  void decide_oneRolloutAboveTheFloor_keepsTheInstance() {
    assertThat(RIF.decide(rewards(0, 0, 1, 0))).isEqualTo(Decision.KEEP);
    assertThat(RIF.decide(rewards(0, 0, 0.25, 0))).isEqualTo(Decision.KEEP);
  }

  @Test
  void decide_allSolved_dropsOnlyWithTheStaticFilter() {
    assertThat(RIF.decide(rewards(1, 1, 1, 1))).isEqualTo(Decision.KEEP);
    assertThat(STATIC.decide(rewards(1, 1, 1, 1))).isEqualTo(Decision.DROP_ALL_SOLVED);
    assertThat(STATIC.decide(rewards(1, 1, 0.5, 1))).isEqualTo(Decision.KEEP);
  }

  @Test
  void decide_signedFloor_countsMinusOneAsTheFloor() {
    InstanceFilter signed = new InstanceFilter(-1, 0.999, true);
    assertThat(signed.decide(rewards(-1, -1))).isEqualTo(Decision.DROP_ALL_FLOOR);
    assertThat(signed.decide(rewards(-1, 0))).isEqualTo(Decision.KEEP);
    assertThat(RIF.decide(rewards(-1, 0))).isEqualTo(Decision.DROP_ALL_FLOOR);
  }

  @Test
  void decide_aMaskedRollout_neverDropsTheInstance() {
    List<ScoreResult> results = rewards(0, 0, 0);
    results.add(ScoreResult.failure("m", ScoreStatus.OVERLOADED, "queue full"));
    assertThat(RIF.decide(results)).isEqualTo(Decision.KEEP_UNJUDGED);
    assertThat(Decision.KEEP_UNJUDGED.kept()).isTrue();
    List<ScoreResult> solved = rewards(1, 1);
    solved.add(ScoreResult.invalidReference("n", "bad gold"));
    assertThat(STATIC.decide(solved)).isEqualTo(Decision.KEEP_UNJUDGED);
  }

  @Test
  void decide_noRollouts_isRejected() {
    assertThatThrownBy(() -> RIF.decide(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one rollout");
  }
}
