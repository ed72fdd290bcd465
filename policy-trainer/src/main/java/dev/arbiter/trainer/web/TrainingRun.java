package dev.arbiter.trainer.web;

import dev.arbiter.trainer.run.GrpoRun;
import dev.arbiter.trainer.run.RunConfig;
import dev.arbiter.trainer.run.RunListener;
import dev.arbiter.trainer.run.StepMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** A run started through the API: its state, metrics so far and a replaying stream of them. */
final class TrainingRun implements RunListener {

  /** Lifecycle of a run. */
  enum State {
    RUNNING,
    STOPPING,
    SUCCEEDED,
    STOPPED,
    FAILED
  }

  private final String id;
  private final RunConfig config;
  private final Path dir;
  private final List<StepMetrics> metrics = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final Sinks.Many<StepMetrics> sink = Sinks.many().replay().limit(2000);
  private volatile State state = State.RUNNING;
  private volatile GrpoRun run;
  private volatile GrpoRun.RunSummary summary;
  private volatile String error;

  TrainingRun(String id, RunConfig config, Path dir) {
    this.id = id;
    this.config = config;
    this.dir = dir;
  }

  String id() {
    return id;
  }

  Path dir() {
    return dir;
  }

  RunConfig config() {
    return config;
  }

  void attach(GrpoRun grpoRun) {
    this.run = grpoRun;
  }

  synchronized void requestStop() {
    if (state == State.RUNNING) {
      state = State.STOPPING;
      if (run != null) {
        run.stop();
      }
    }
  }

  @Override
  public synchronized void onStep(StepMetrics m) {
    metrics.add(m);
    sink.tryEmitNext(m);
  }

  @Override
  public synchronized void onEvent(String message) {
    events.add(message);
  }

  synchronized void finished(GrpoRun.RunSummary result) {
    summary = result;
    state = result.stopped() ? State.STOPPED : State.SUCCEEDED;
    sink.tryEmitComplete();
  }

  synchronized void failed(Throwable t) {
    error = t.toString();
    state = State.FAILED;
    sink.tryEmitComplete();
  }

  boolean active() {
    return state == State.RUNNING || state == State.STOPPING;
  }

  synchronized List<StepMetrics> metrics() {
    return List.copyOf(metrics);
  }

  Flux<StepMetrics> stream() {
    return sink.asFlux();
  }

  synchronized RunStatus status() {
    StepMetrics last = metrics.isEmpty() ? null : metrics.get(metrics.size() - 1);
    return new RunStatus(
        id, state, dir.toString(), last, summary, error, List.copyOf(events), config);
  }

  /**
   * What {@code GET /v1/runs/{id}} answers.
   *
   * @param id run id
   * @param state lifecycle state
   * @param directory where metrics.jsonl, curve.png and report.html are written
   * @param lastStep the latest step metrics, if any
   * @param summary held-out accuracy before and after, once finished
   * @param error why the run failed
   * @param events phase changes and notes
   * @param config the effective configuration
   */
  record RunStatus(
      String id,
      State state,
      String directory,
      StepMetrics lastStep,
      GrpoRun.RunSummary summary,
      String error,
      List<String> events,
      RunConfig config) {}
}
