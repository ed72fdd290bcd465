package dev.arbiter.api.client;

import dev.arbiter.api.ScoreItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a request's items into chunks of at most {@code max} item positions, keeping the items of
 * one GRPO group in one chunk when the group fits (the server computes group statistics per
 * request). Positions let the caller put the results back in request order.
 */
final class ItemChunks {

  private ItemChunks() {}

  static List<List<Integer>> split(List<ScoreItem> items, int max) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    List<List<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ScoreItem item = items.get(i);
      String group = item == null ? null : item.group();
      if (group == null) {
        List<Integer> single = new ArrayList<>(1);
        single.add(i);
        runs.add(single);
      } else {
        groups
            .computeIfAbsent(
                group,
                g -> {
                  List<Integer> run = new ArrayList<>();
                  runs.add(run);
                  return run;
                })
            .add(i);
      }
    }
    List<List<Integer>> chunks = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    for (List<Integer> run : runs) {
      if (!current.isEmpty() && current.size() + run.size() > max) {
        chunks.add(current);
        current = new ArrayList<>();
      }
      for (Integer position : run) {
        if (current.size() == max) {
          chunks.add(current);
          current = new ArrayList<>();
        }
        current.add(position);
      }
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }
}
