package dev.arbiter.model.meta.store;

/** A version was published on top of a parent that is no longer the latest. */
public class RubricConflictException extends RuntimeException {

  private final String task;
  private final Integer expectedParent;

  public RubricConflictException(String task, Integer expectedParent, Throwable cause) {
    super(
        "rubric of task '"
            + task
            + "' is no longer at version "
            + (expectedParent == null ? "none" : expectedParent)
            + ": another version was published first; reload and retry",
        cause);
    this.task = task;
    this.expectedParent = expectedParent;
  }

  public String task() {
    return task;
  }

  public Integer expectedParent() {
    return expectedParent;
  }
}
