package dev.arbiter.model.meta.rubric;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Bounds a rubric must keep to be published, whoever wrote it: a meta-model that rambles or a human
 * typo must not reach the judge.
 *
 * @param maxItems most criteria
 * @param maxCriterionChars longest criterion text
 * @param maxPoints most points of one item
 * @param maxExamples most examples per item
 * @param maxExampleChars longest example
 */
public record RubricLimits(
    int maxItems, int maxCriterionChars, int maxPoints, int maxExamples, int maxExampleChars) {

  public static final RubricLimits DEFAULT = new RubricLimits(20, 400, 100, 5, 400);

  /** What is wrong with {@code items}, one line each; empty when they may be published. */
  public List<String> problems(List<RubricItem> items) {
    List<String> out = new ArrayList<>();
    if (items == null || items.isEmpty()) {
      out.add("a rubric needs at least one item");
      return out;
    }
    if (items.size() > maxItems) {
      out.add("a rubric may have at most " + maxItems + " items, this one has " + items.size());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      RubricItem item = items.get(i);
      String where = "item " + (i + 1);
      if (item == null) {
        out.add(where + " is null");
        continue;
      }
      if (item.criterion() == null || item.criterion().isBlank()) {
        out.add(where + " has no criterion");
      } else {
        if (item.criterion().length() > maxCriterionChars) {
          out.add(
              where
                  + "'s criterion has "
                  + item.criterion().length()
                  + " characters; at most "
                  + maxCriterionChars);
        }
        if (!seen.add(item.criterion().strip().toLowerCase(Locale.ROOT))) {
          out.add(where + " repeats an earlier criterion");
        }
      }
      if (item.maxPoints() < 1 || item.maxPoints() > maxPoints) {
        out.add(where + "'s max_points should be 1.." + maxPoints + ", was " + item.maxPoints());
      }
      if (item.examples().size() > maxExamples) {
        out.add(where + " has " + item.examples().size() + " examples; at most " + maxExamples);
      }
      for (String example : item.examples()) {
        if (example == null || example.isBlank() || example.length() > maxExampleChars) {
          out.add(where + " has an empty example or one longer than " + maxExampleChars);
          break;
        }
      }
    }
    return out;
  }
}
