package dev.arbiter.verifier.rules.tool;

import dev.arbiter.verifier.rules.text.BoundedJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ToolRL's tool-call correctness ({@code compute_tool_call_reward} in {@code
 * verl/utils/reward_score/rlla.py}): an exact match of the call lists earns {@code max}; otherwise
 * the score is the multiset Jaccard of the tool names, plus, for each gold call in order, the best
 * unused predicted call of the same name by (Jaccard of parameter keys + number of gold values
 * matched exactly), scaled from {@code [0, 1 + Σ(1 + |params|)]} onto {@code [min, max]}.
 */
public final class ToolRlCorrectness {

  /** ToolRL's variants. */
  public enum Granularity {
    /** The paper's default: name, parameter-key and parameter-value matching. */
    FINE,
    /** {@code INTERMEDIATEREWARD}: each gold call is 1 if some unused prediction equals it. */
    INTERMEDIATE,
    /** {@code COARSEREWARD}: exact match or {@code min}. */
    COARSE
  }

  private ToolRlCorrectness() {}

  public static double reward(
      List<ToolCall> gold, List<ToolCall> pred, Granularity granularity, double max, double min) {
    if (ToolCall.sameCalls(gold, pred)) {
      return max;
    }
    if (granularity == Granularity.COARSE) {
      return min;
    }
    double score =
        matchScore(
            gold.stream().map(ToolCall::name).toList(), pred.stream().map(ToolCall::name).toList());
    double localMax = 1.0;
    boolean[] used = new boolean[pred.size()];
    for (ToolCall g : gold) {
      localMax += granularity == Granularity.INTERMEDIATE ? 1.0 : 1.0 + g.parameters().size();
      int bestIndex = -1;
      double best = 0.0;
      for (int i = 0; i < pred.size(); i++) {
        ToolCall p = pred.get(i);
        if (used[i] || !p.name().equals(g.name())) {
          continue;
        }
        if (granularity == Granularity.INTERMEDIATE) {
          if (g.sameAs(p)) {
            bestIndex = i;
            best = 1.0;
            break;
          }
          continue;
        }
        double total =
            matchScore(List.copyOf(g.parameters().keySet()), List.copyOf(p.parameters().keySet()));
        for (Map.Entry<String, Object> e : g.parameters().entrySet()) {
          if (p.parameters().containsKey(e.getKey())
              && BoundedJson.pyEquals(p.parameters().get(e.getKey()), e.getValue())) {
            total += 1.0;
          }
        }
        if (total > best) {
          best = total;
          bestIndex = i;
        }
      }
      if (bestIndex >= 0) {
        used[bestIndex] = true;
        score += best;
      }
    }
    return (max - min) * score / localMax + min;
  }

  /**
   * ToolRL's {@code match_score}: 1 for equal lists, else the multiset Jaccard (0 if one is empty).
   */
  static double matchScore(List<String> a, List<String> b) {
    if (a.equals(b)) {
      return 1.0;
    }
    if (a.isEmpty() || b.isEmpty()) {
      return 0.0;
    }
    Map<String, Integer> ca = counts(a);
    Map<String, Integer> cb = counts(b);
    int intersection = 0;
    for (Map.Entry<String, Integer> e : ca.entrySet()) {
      intersection += Math.min(e.getValue(), cb.getOrDefault(e.getKey(), 0));
    }
    int maxPossible = a.size() + b.size() - intersection;
    return maxPossible > 0 ? (double) intersection / maxPossible : 0.0;
  }

  private static Map<String, Integer> counts(List<String> xs) {
    Map<String, Integer> c = new HashMap<>();
    for (String x : xs) {
      c.merge(x, 1, Integer::sum);
    }
    return c;
  }
}
