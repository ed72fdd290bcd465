package dev.arbiter.model.meta.rubric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two versions, matched by criterion text.
 *
 * @param from the older version number
 * @param to the newer version number
 * @param added criteria only in {@code to}
 * @param removed criteria only in {@code from}
 * @param changed criteria in both whose points or examples differ: {@code [before, after]}
 * @param unchanged how many items are equal in both
 */
public record RubricDiff(
    int from,
    int to,
    List<RubricItem> added,
    List<RubricItem> removed,
    List<List<RubricItem>> changed,
    int unchanged) {

  public static RubricDiff between(RubricVersion a, RubricVersion b) {
    Map<String, RubricItem> before = index(a.items());
    Map<String, RubricItem> after = index(b.items());
    List<RubricItem> added = new ArrayList<>();
    List<List<RubricItem>> changed = new ArrayList<>();
    int unchanged = 0;
    for (Map.Entry<String, RubricItem> e : after.entrySet()) {
      RubricItem old = before.get(e.getKey());
      if (old == null) {
        added.add(e.getValue());
      } else if (old.equals(e.getValue())) {
        unchanged++;
      } else {
        changed.add(List.of(old, e.getValue()));
      }
    }
    List<RubricItem> removed =
        before.entrySet().stream()
            .filter(e -> !after.containsKey(e.getKey()))
            .map(Map.Entry::getValue)
            .toList();
    return new RubricDiff(a.version(), b.version(), added, removed, changed, unchanged);
  }

  private static Map<String, RubricItem> index(List<RubricItem> items) {
    Map<String, RubricItem> out = new LinkedHashMap<>();
    for (RubricItem item : items) {
      out.putIfAbsent(item.criterion().strip(), item);
    }
    return out;
  }
}
