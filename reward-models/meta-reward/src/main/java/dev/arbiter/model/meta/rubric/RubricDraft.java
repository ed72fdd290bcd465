package dev.arbiter.model.meta.rubric;

import java.util.List;

/**
 * A rubric version to publish on top of {@code parentVersion}.
 *
 * @param task the task
 * @param parentVersion the version the author saw as current; null for a task's first version
 * @param description the task description
 * @param items the criteria
 * @param author who wrote it
 * @param trigger why (see {@link RubricVersion#trigger()})
 * @param analysis meta-model analysis, or null
 * @param samples samples as JSON, or null
 */
public record RubricDraft(
    String task,
    Integer parentVersion,
    String description,
    List<RubricItem> items,
    String author,
    String trigger,
    String analysis,
    String samples) {

  public RubricDraft {
    items = List.copyOf(items);
  }
}
