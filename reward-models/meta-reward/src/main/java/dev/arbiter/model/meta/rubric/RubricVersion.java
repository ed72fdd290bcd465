package dev.arbiter.model.meta.rubric;

import java.time.Instant;
import java.util.List;

/**
 * One immutable version of a task's rubric with its provenance. Versions of a task are numbered 1,
 * 2, 3, ... and form a line: each one's parent is the version before it.
 *
 * @param task the task name, e.g. {@code essay}
 * @param version 1-based, dense
 * @param parentVersion the version it was derived from; null for the first
 * @param description what the task asks of the policy (rendered into the judge prompt)
 * @param items the criteria
 * @param author {@code config}, {@code meta-model:<model>} or {@code human:<name>}
 * @param trigger why it exists: {@code seed}, {@code count}, {@code detector:<name>}, {@code api},
 *     {@code edit}, {@code rollback:<version>}
 * @param analysis the meta-model's analysis that produced it; null for human versions
 * @param samples the scored samples the meta-model read, as JSON; null for human versions
 * @param createdAt when it was published
 */
public record RubricVersion(
    String task,
    int version,
    Integer parentVersion,
    String description,
    List<RubricItem> items,
    String author,
    String trigger,
    String analysis,
    String samples,
    Instant createdAt) {

  public RubricVersion {
    items = List.copyOf(items);
    description = description == null ? "" : description;
  }

  /** The highest total the rubric can give. */
  public int maxTotal() {
    return items.stream().mapToInt(RubricItem::maxPoints).sum();
  }
}
