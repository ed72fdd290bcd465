package dev.arbiter.trainer.grpo;

import dev.arbiter.api.GroupStats;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.group.GroupStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Group-normalized advantages over the usable rollouts of each prompt, reusing the contract's
 * {@link GroupStatistics}. Masked rollouts and null rewards are dropped (they get no advantage and
 * no loss); groups whose usable rewards are all equal carry no signal and are filtered when asked.
 */
public final class AdvantageEstimator {

  private final AdvantageMode mode;
  private final boolean filterZeroVariance;

  public AdvantageEstimator(AdvantageMode mode, boolean filterZeroVariance) {
    this.mode = mode;
    this.filterZeroVariance = filterZeroVariance;
  }

  /**
   * The advantage of every rollout that stays in the loss.
   *
   * @param rollouts this step's scored rollouts
   */
  public Estimate estimate(List<ScoredRollout> rollouts) {
    List<ScoreItem> items = new ArrayList<>(rollouts.size());
    List<ScoreResult> results = new ArrayList<>(rollouts.size());
    int masked = 0;
    int nullReward = 0;
    for (ScoredRollout r : rollouts) {
      items.add(new ScoreItem(r.id(), null, null, null, null, null, r.group()));
      ScoreResult res = r.result();
      if (res.mask()) {
        masked++;
      } else if (r.reward() == null) {
        nullReward++;
      }
      results.add(
          new ScoreResult(
              r.id(),
              r.usable() ? r.reward() : null,
              res.status(),
              res.mask(),
              null,
              null,
              null,
              0));
    }
    Map<String, GroupStats> groups =
        GroupStatistics.compute(items, results, GroupStatistics.DEFAULT_EPS);
    Map<String, Double> advantages = new LinkedHashMap<>();
    int filteredGroups = 0;
    for (GroupStats g : groups.values()) {
      if (g.scored() == 0) {
        continue;
      }
      if (filterZeroVariance && (g.zeroVariance() || g.scored() < 2)) {
        filteredGroups++;
        continue;
      }
      advantages.putAll(mode == AdvantageMode.GRPO ? g.advantages() : g.drGrpoAdvantages());
    }
    return new Estimate(advantages, masked, nullReward, filteredGroups, groups.size());
  }

  /**
   * @param advantages by rollout id, only for rollouts kept in the loss
   * @param masked rollouts dropped because the scorer masked them
   * @param nullReward rollouts dropped because their reward was null
   * @param filteredGroups groups dropped for zero variance
   * @param groups groups seen
   */
  public record Estimate(
      Map<String, Double> advantages, int masked, int nullReward, int filteredGroups, int groups) {}
}
