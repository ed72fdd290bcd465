package dev.arbiter.model.meta.store;

import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every version of every task's rubric. Append-only: a rollback or an edit is a new version. May
 * block; callers on an event loop move calls to a worker.
 */
public interface RubricStore {

  /**
   * Publishes {@code draft} as version {@code parentVersion + 1} (1 when the parent is null), only
   * if {@code parentVersion} is still the task's latest version.
   *
   * @throws RubricConflictException when another version was published since the author's parent
   */
  RubricVersion append(RubricDraft draft);

  /** The task's latest version. */
  Optional<RubricVersion> latest(String task);

  /** One version. */
  Optional<RubricVersion> find(String task, int version);

  /** All versions of a task, oldest first. */
  List<RubricVersion> history(String task);

  /** Every task with its latest version number, sorted by task. */
  Map<String, Integer> tasks();
}
