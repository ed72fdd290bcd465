package dev.arbiter.trainer.run;

/** Observes a run (progress bar, SSE stream, report). Called on the training thread. */
public interface RunListener {

  void onStep(StepMetrics metrics);

  /** A phase change or a note, e.g. {@code eval before: 0.31}. */
  default void onEvent(String message) {}
}
