package dev.arbiter.api.group;

import dev.arbiter.api.GroupStats;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GRPO group statistics over the usable rewards of each group. Masked items and null rewards are
 * left out of the mean and get no advantage: a trainer must not learn from them.
 */
public final class GroupStatistics {

  /** GRPO's epsilon in {@code (r - mean) / (std + eps)}. */
  public static final double DEFAULT_EPS = 1e-6;

  private GroupStatistics() {}

  /**
   * Statistics per group id, in order of first appearance.
   *
   * @param items the request's items (their {@code group} fields)
   * @param results the results, aligned with {@code items}
   */
  public static Map<String, GroupStats> compute(
      List<ScoreItem> items, List<ScoreResult> results, double eps) {
    if (items.size() != results.size()) {
      throw new IllegalArgumentException(
          "items and results differ in size: " + items.size() + " vs " + results.size());
    }
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String group = items.get(i).group();
      if (group != null) {
        members.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
      }
    }
    Map<String, GroupStats> stats = new LinkedHashMap<>();
    members.forEach((group, idx) -> stats.put(group, of(idx, results, eps)));
    return stats;
  }

  private static GroupStats of(List<Integer> idx, List<ScoreResult> results, double eps) {
    double sum = 0;
    int n = 0;
    for (int i : idx) {
      ScoreResult r = results.get(i);
      if (r.usable()) {
        sum += r.reward();
        n++;
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    double sq = 0;
    boolean allEqual = true;
    Double first = null;
    for (int i : idx) {
      ScoreResult r = results.get(i);
      if (r.usable()) {
        double d = r.reward() - mean;
        sq += d * d;
        if (first == null) {
          first = r.reward();
        } else if (Double.compare(first, r.reward()) != 0) {
          allEqual = false;
        }
      }
    }
    double std = n == 0 ? 0 : Math.sqrt(sq / n);
    Map<String, Double> grpo = new LinkedHashMap<>();
    Map<String, Double> dr = new LinkedHashMap<>();
    for (int i : idx) {
      ScoreResult r = results.get(i);
      if (r.usable()) {
        double centered = r.reward() - mean;
        grpo.put(r.id(), centered / (std + eps));
        dr.put(r.id(), centered);
      }
    }
    return new GroupStats(idx.size(), n, mean, std, allEqual, grpo, dr);
  }
}
