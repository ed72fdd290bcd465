package dev.arbiter.model.meta.refine;

/**
 * What one refinement did.
 *
 * @param task the task
 * @param trigger {@code count}, {@code detector:<name>} or {@code api}
 * @param status {@code published}, {@code rejected} (the meta-model's rubric failed validation),
 *     {@code conflict} (another version was published meanwhile), {@code failed} (the meta-model
 *     could not be reached or answered nonsense) or {@code skipped}
 * @param parentVersion the version it refined
 * @param version the published version, or null
 * @param reason why, for anything but {@code published}
 * @param durationMs wall time
 */
public record RefinementOutcome(
    String task,
    String trigger,
    String status,
    Integer parentVersion,
    Integer version,
    String reason,
    double durationMs) {

  public boolean published() {
    return "published".equals(status);
  }
}
