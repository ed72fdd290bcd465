package dev.arbiter.model.meta.rubric;

import java.util.List;

/**
 * One rubric criterion.
 *
 * @param criterion what the judge checks, one or two sentences
 * @param maxPoints the most points this item can give (integer, >= 1)
 * @param examples short illustrations of meeting or missing the criterion; may be empty
 */
public record RubricItem(String criterion, int maxPoints, List<String> examples) {

  public RubricItem {
    examples = examples == null ? List.of() : List.copyOf(examples);
  }
}
