package dev.arbiter.api.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.api.GroupStats;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupStatisticsTest {

  private static ScoreItem item(String id, String group) {
    return new ScoreItem(id, "math", null, "r", Map.of(), Map.of(), group);
  }

  @Test
  void compute_handComputedGroup() {
    // rewards 1, 0, 1, 0: mean 0.5, population std 0.5
    List<ScoreItem> items = List.of(item("a", "g"), item("b", "g"), item("c", "g"), item("d", "g"));
    List<ScoreResult> results =
        List.of(
            ScoreResult.ok("a", 1, Map.of(), Map.of()),
            ScoreResult.ok("b", 0, Map.of(), Map.of()),
            ScoreResult.ok("c", 1, Map.of(), Map.of()),
            ScoreResult.ok("d", 0, Map.of(), Map.of()));
    GroupStats g = GroupStatistics.compute(items, results, 1e-6).get("g");
    assertThat(g.mean()).isEqualTo(0.5);
    assertThat(g.std()).isEqualTo(0.5);
    assertThat(g.zeroVariance()).isFalse();
    assertThat(g.advantages().get("a")).isCloseTo(0.5 / (0.5 + 1e-6), within(1e-12));
    assertThat(g.advantages().get("b")).isCloseTo(-0.5 / (0.5 + 1e-6), within(1e-12));
    assertThat(g.drGrpoAdvantages()).containsEntry("a", 0.5).containsEntry("d", -0.5);
  }

  @Test
  void compute_maskedAndNullRewardsAreLeftOut() {
    List<ScoreItem> items = List.of(item("a", "g"), item("b", "g"), item("c", "g"));
    List<ScoreResult> results =
        List.of(
            ScoreResult.ok("a", 1, Map.of(), Map.of()),
            ScoreResult.failure("b", ScoreStatus.SCORER_UNAVAILABLE, "down"),
            ScoreResult.invalidReference("c", "bad gold"));
    GroupStats g = GroupStatistics.compute(items, results, 1e-6).get("g");
    assertThat(g.size()).isEqualTo(3);
    assertThat(g.scored()).isEqualTo(1);
    assertThat(g.mean()).isEqualTo(1.0);
    assertThat(g.zeroVariance()).isTrue();
    assertThat(g.advantages()).containsOnlyKeys("a");
  }

  @Test
  void compute_zeroVarianceGroupFlagged_andUngroupedItemsIgnored() {
    List<ScoreItem> items = List.of(item("a", "g"), item("b", "g"), item("c", null));
    List<ScoreResult> results =
        List.of(
            ScoreResult.ok("a", 1, Map.of(), Map.of()),
            ScoreResult.ok("b", 1, Map.of(), Map.of()),
            ScoreResult.ok("c", 0, Map.of(), Map.of()));
    Map<String, GroupStats> stats = GroupStatistics.compute(items, results, 1e-6);
    assertThat(stats).containsOnlyKeys("g");
    assertThat(stats.get("g").zeroVariance()).isTrue();
    assertThat(stats.get("g").advantages().get("a")).isEqualTo(0.0);
  }
}
