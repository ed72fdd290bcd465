package dev.arbiter.trainer.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdvantageEstimatorTest {

  private static ScoredRollout ok(String id, String group, double reward) {
    return new ScoredRollout(
        id, group, "add/1", ScoreResult.ok(id, reward, Map.of(), Map.of()), reward);
  }

  @Test
  void estimate_grpoNormalizesByGroupStd() {
    // rewards 1, 0, 0, 1: mean 0.5, population std 0.5 -> advantages +-1 (up to eps)
    var e =
        new AdvantageEstimator(AdvantageMode.GRPO, true)
            .estimate(List.of(ok("a", "g", 1), ok("b", "g", 0), ok("c", "g", 0), ok("d", "g", 1)));
    assertThat(e.advantages().get("a")).isCloseTo(1.0, within(1e-5));
    assertThat(e.advantages().get("b")).isCloseTo(-1.0, within(1e-5));
  }

  @Test
  void estimate_drGrpoOnlyCenters() {
    // rewards 1, 0, 0, 0: mean 0.25 -> 0.75 and -0.25, no std division
    var e =
        new AdvantageEstimator(AdvantageMode.DR_GRPO, true)
            .estimate(List.of(ok("a", "g", 1), ok("b", "g", 0), ok("c", "g", 0), ok("d", "g", 0)));
    assertThat(e.advantages().get("a")).isCloseTo(0.75, within(1e-12));
    assertThat(e.advantages().get("d")).isCloseTo(-0.25, within(1e-12));
  }

  @Test
  void estimate_dropsMaskedAndNullRewards() {
    ScoredRollout masked =
        new ScoredRollout(
            "m", "g", "add/1", ScoreResult.failure("m", ScoreStatus.OVERLOADED, "full"), null);
    ScoredRollout invalid =
        new ScoredRollout("n", "g", "add/1", ScoreResult.invalidReference("n", "bad gold"), null);
    var e =
        new AdvantageEstimator(AdvantageMode.DR_GRPO, true)
            .estimate(List.of(ok("a", "g", 1), masked, invalid, ok("b", "g", 0)));
    // mean over the two usable rewards only: 0.5
    assertThat(e.advantages()).containsOnlyKeys("a", "b");
    assertThat(e.advantages().get("a")).isCloseTo(0.5, within(1e-12));
    assertThat(e.masked()).isEqualTo(1);
    assertThat(e.nullReward()).isEqualTo(1);
  }

  @Test
  void estimate_filtersZeroVarianceGroupsOnlyWhenAsked() {
    List<ScoredRollout> rollouts =
        List.of(ok("a", "same", 1), ok("b", "same", 1), ok("c", "mixed", 1), ok("d", "mixed", 0));
    var filtered = new AdvantageEstimator(AdvantageMode.GRPO, true).estimate(rollouts);
    assertThat(filtered.advantages()).containsOnlyKeys("c", "d");
    assertThat(filtered.filteredGroups()).isEqualTo(1);
    assertThat(filtered.groups()).isEqualTo(2);
    var kept = new AdvantageEstimator(AdvantageMode.GRPO, false).estimate(rollouts);
    assertThat(kept.advantages()).containsKeys("a", "b", "c", "d");
    assertThat(kept.advantages().get("a")).isZero();
  }
}
