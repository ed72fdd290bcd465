package dev.arbiter.trainer.run;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.trainer.filter.FilterReport;
import dev.arbiter.trainer.filter.InstanceFilter;
import dev.arbiter.trainer.model.Policy;
import dev.arbiter.trainer.task.Task;
import dev.arbiter.trainer.task.TaskPool;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The instance filter's pass over the training pool before GRPO: {@code filter_k} rollouts per
 * instance, sampled and scored exactly like training rollouts ({@link RolloutCollector}, the
 * gateway), then {@link InstanceFilter}'s decision on the scorer's rewards.
 */
final class InstanceFiltering {

  private final InstanceFilter filter;
  private final int k;
  private final int promptsPerCall;

  InstanceFiltering(RunConfig config) {
    this.filter =
        new InstanceFilter(config.filterFloor(), Rollouts.SOLVED_AT, config.filterDropSolved());
    this.k = config.filterK();
    this.promptsPerCall = config.promptsPerStep();
  }

  /** The kept instances as the training source, and the report. */
  Outcome run(Policy policy, List<Task> pool, RolloutCollector collector, RunEvents events) {
    long t0 = System.nanoTime();
    Map<InstanceFilter.Decision, Integer> counts = new EnumMap<>(InstanceFilter.Decision.class);
    Map<String, Integer> keptByCategory = new LinkedHashMap<>();
    List<Task> kept = new ArrayList<>();
    for (int from = 0; from < pool.size(); from += promptsPerCall) {
      List<Task> slice = pool.subList(from, Math.min(pool.size(), from + promptsPerCall));
      Rollouts rollouts = collector.collect(policy, slice, k, "f" + from);
      for (int p = 0; p < slice.size(); p++) {
        List<ScoreResult> results = new ArrayList<>(k);
        for (int j = p * k; j < (p + 1) * k; j++) {
          results.add(rollouts.scored().get(j).result());
        }
        InstanceFilter.Decision d = filter.decide(results);
        counts.merge(d, 1, Integer::sum);
        if (d.kept()) {
          Task t = slice.get(p);
          kept.add(t);
          keptByCategory.merge(t.category(), 1, Integer::sum);
        }
      }
    }
    int dropped = pool.size() - kept.size();
    FilterReport report =
        new FilterReport(
            k,
            pool.size(),
            kept.size(),
            counts.getOrDefault(InstanceFilter.Decision.KEEP_UNJUDGED, 0),
            counts.getOrDefault(InstanceFilter.Decision.DROP_ALL_FLOOR, 0),
            counts.getOrDefault(InstanceFilter.Decision.DROP_ALL_SOLVED, 0),
            pool.isEmpty() ? 0 : (double) dropped / pool.size(),
            keptByCategory,
            pool.size() * k,
            (System.nanoTime() - t0) / 1e9);
    events.event(
        String.format(
            Locale.ROOT,
            "instance filter (k=%d): kept %d of %d, dropped %.1f%% (%d all at the floor, %d all"
                + " solved), %d kept unjudged, %.1f s",
            k,
            report.kept(),
            report.instances(),
            100 * report.droppedShare(),
            report.droppedAllFloor(),
            report.droppedAllSolved(),
            report.unjudged(),
            report.seconds()));
    if (kept.isEmpty()) {
      throw new IllegalStateException(
          "the instance filter dropped every one of the "
              + pool.size()
              + " training instances ("
              + report.droppedAllFloor()
              + " all at the floor, "
              + report.droppedAllSolved()
              + " all solved): nothing left to train on");
    }
    return new Outcome(TaskPool.of(kept), report);
  }

  /** The training source after filtering, and what the filter did. */
  record Outcome(TaskPool pool, FilterReport report) {}
}
