package dev.arbiter.trainer.run;

import java.util.List;

/** Where a run's parts report: step metrics and log lines to every listener, and the run clock. */
final class RunEvents {

  private final List<RunListener> listeners;
  private final long started = System.nanoTime();

  RunEvents(List<RunListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  void step(StepMetrics m) {
    listeners.forEach(l -> l.onStep(m));
  }

  void event(String message) {
    listeners.forEach(l -> l.onEvent(message));
  }

  /** Seconds since the run started. */
  double elapsed() {
    return (System.nanoTime() - started) / 1e9;
  }
}
