package dev.arbiter.model.meta.refine;

import dev.arbiter.model.meta.detect.DetectorBank;
import dev.arbiter.model.meta.detect.DetectorReading;
import dev.arbiter.model.meta.rubric.RubricVersion;
import dev.arbiter.model.meta.store.RubricCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each task's judged items and decides when the meta-model refines the rubric: every {@code
 * every} items, when a detector raises an alarm, or on request. One refinement per task at a time
 * runs on {@code executor}; triggers that arrive meanwhile are skipped, not queued. Counts {@code
 * arbiter.meta.refinements} by task and status.
 */
public final class RefinementLoop implements ScoredSampleSink {

  private static final Logger log = LoggerFactory.getLogger(RefinementLoop.class);

  /** Per-task state; guarded by its own monitor. */
  private static final class TaskState {
    final Deque<ScoredSample> window = new ArrayDeque<>();
    final AtomicBoolean running = new AtomicBoolean();
    long judged;
    long sinceRefinement;
    volatile RefinementOutcome last;
  }

  /**
   * What {@code GET /v1/rubrics/{task}/status} shows of the loop.
   *
   * @param judged items judged under current rubrics since start
   * @param sinceRefinement items since the last refinement was triggered
   * @param refining whether a refinement runs now
   * @param detectors latest detector readings
   * @param lastRefinement the last refinement's outcome, or null
   */
  public record TaskStatus(
      long judged,
      long sinceRefinement,
      boolean refining,
      List<DetectorReading> detectors,
      RefinementOutcome lastRefinement) {}

  private final RubricCatalog catalog;
  private final MetaRefiner refiner;
  private final DetectorBank detectors;
  private final LoopSettings settings;
  private final Executor executor;
  private final MeterRegistry meters;
  private final ConcurrentMap<String, TaskState> tasks = new ConcurrentHashMap<>();

  /**
   * @param refiner null when no meta-model is configured: detectors still run, refinements fail
   */
  public RefinementLoop(
      RubricCatalog catalog,
      MetaRefiner refiner,
      DetectorBank detectors,
      LoopSettings settings,
      Executor executor,
      MeterRegistry meters) {
    this.catalog = catalog;
    this.refiner = refiner;
    this.detectors = detectors;
    this.settings = settings;
    this.executor = executor;
    this.meters = meters;
  }

  @Override
  public void accept(ScoredSample sample) {
    TaskState state = state(sample.task());
    List<ScoredSample> window = null;
    boolean countDue;
    synchronized (state) {
      state.window.addLast(sample);
      while (state.window.size() > settings.window()) {
        state.window.removeFirst();
      }
      state.judged++;
      state.sinceRefinement++;
      countDue = settings.every() > 0 && state.sinceRefinement >= settings.every();
      if (settings.detectEvery() > 0 && state.judged % settings.detectEvery() == 0) {
        window = List.copyOf(state.window);
      }
    }
    if (window != null) {
      Optional<RubricVersion> rubric = catalog.current(sample.task());
      if (rubric.isPresent()) {
        for (DetectorReading raised : detectors.evaluate(sample.task(), window, rubric.get())) {
          log.warn(
              "task {}: detector {} raised ({} >= {})",
              sample.task(),
              raised.detector(),
              raised.value(),
              raised.threshold());
          if (settings.refineOnAlarm()) {
            trigger(sample.task(), "detector:" + raised.detector());
            return;
          }
        }
      }
    }
    if (countDue) {
      trigger(sample.task(), "count");
    }
  }

  /**
   * Starts a refinement of {@code task} unless one is running; the future completes with its
   * outcome ({@code skipped} when one was already running).
   */
  public CompletableFuture<RefinementOutcome> trigger(String task, String trigger) {
    TaskState state = state(task);
    if (!state.running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(
          new RefinementOutcome(
              task, trigger, "skipped", null, null, "a refinement of this task is running", 0));
    }
    synchronized (state) {
      state.sinceRefinement = 0;
    }
    try {
      return CompletableFuture.supplyAsync(() -> run(task, trigger, state), executor);
    } catch (RejectedExecutionException e) {
      state.running.set(false);
      return CompletableFuture.completedFuture(
          record(
              state,
              new RefinementOutcome(
                  task, trigger, "failed", null, null, "refinement executor is shut down", 0)));
    }
  }

  private RefinementOutcome run(String task, String trigger, TaskState state) {
    try {
      Optional<RubricVersion> rubric = catalog.current(task);
      if (rubric.isEmpty()) {
        return record(
            state,
            new RefinementOutcome(
                task, trigger, "failed", null, null, "no rubric for task '" + task + "'", 0));
      }
      if (refiner == null) {
        return record(
            state,
            new RefinementOutcome(
                task,
                trigger,
                "failed",
                rubric.get().version(),
                null,
                "no meta-model configured",
                0));
      }
      List<ScoredSample> samples = sample(state);
      if (samples.isEmpty()) {
        return record(
            state,
            new RefinementOutcome(
                task,
                trigger,
                "skipped",
                rubric.get().version(),
                null,
                "no judged samples yet",
                0));
      }
      RefinementOutcome outcome = refiner.refine(catalog, rubric.get(), samples, trigger);
      log.info(
          "task {}: refinement ({}) {} {}",
          task,
          trigger,
          outcome.status(),
          outcome.version() != null ? "v" + outcome.version() : outcome.reason());
      return record(state, outcome);
    } catch (RuntimeException e) {
      log.error("task {}: refinement failed", task, e);
      return record(
          state,
          new RefinementOutcome(task, trigger, "failed", null, null, "internal error: " + e, 0));
    } finally {
      state.running.set(false);
    }
  }

  private List<ScoredSample> sample(TaskState state) {
    List<ScoredSample> recent;
    synchronized (state) {
      recent = new ArrayList<>(state.window);
    }
    if (!settings.prescreen()) {
      return recent.subList(Math.max(0, recent.size() - settings.sampleSize()), recent.size());
    }
    List<ScoredSample> pool =
        new ArrayList<>(
            recent.subList(Math.max(0, recent.size() - settings.prescreenPool()), recent.size()));
    pool.sort(Comparator.comparingDouble(ScoredSample::normalized).reversed());
    return pool.subList(0, Math.min(settings.sampleSize(), pool.size()));
  }

  private RefinementOutcome record(TaskState state, RefinementOutcome outcome) {
    state.last = outcome;
    Counter.builder("arbiter.meta.refinements")
        .description("Rubric refinements by outcome")
        .tag("task", outcome.task())
        .tag("status", outcome.status())
        .register(meters)
        .increment();
    return outcome;
  }

  /** The loop's view of {@code task}. */
  public TaskStatus status(String task) {
    TaskState state = state(task);
    synchronized (state) {
      return new TaskStatus(
          state.judged,
          state.sinceRefinement,
          state.running.get(),
          detectors.readings(task),
          state.last);
    }
  }

  private TaskState state(String task) {
    return tasks.computeIfAbsent(task, t -> new TaskState());
  }
}
