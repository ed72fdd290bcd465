package dev.arbiter.trainer.web;

import dev.arbiter.trainer.run.GrpoRun;
import dev.arbiter.trainer.run.RunConfig;
import dev.arbiter.trainer.run.RunReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs one at a time on a dedicated training thread (a run saturates the CPU or the GPU; a
 * second concurrent run would only halve both) and keeps their state for the API.
 */
final class RunManager implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunManager.class);

  private final Map<String, TrainingRun> runs = new ConcurrentHashMap<>();
  private final AtomicInteger counter = new AtomicInteger();
  private final ExecutorService trainer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "policy-trainer");
            t.setDaemon(true);
            return t;
          });

  /** Starts a run, or returns empty when one is already active. */
  synchronized Optional<TrainingRun> start(RunConfig config) throws IOException {
    if (runs.values().stream().anyMatch(TrainingRun::active)) {
      return Optional.empty();
    }
    String id = "run-" + counter.incrementAndGet() + "-seed" + config.seed();
    Path dir = Path.of(config.outputDir()).resolve(id + "-" + System.currentTimeMillis());
    TrainingRun run = new TrainingRun(id, config, dir);
    RunReport report = new RunReport(dir);
    GrpoRun grpo = new GrpoRun(config, dir, List.of(run, report));
    run.attach(grpo);
    runs.put(id, run);
    trainer.execute(
        () -> {
          try {
            GrpoRun.RunSummary summary = grpo.run();
            report.finish(config, summary);
            run.finished(summary);
          } catch (Throwable t) {
            log.warn("run {} failed", id, t);
            run.failed(t);
          }
        });
    return Optional.of(run);
  }

  Optional<TrainingRun> get(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  List<TrainingRun> all() {
    return List.copyOf(runs.values());
  }

  @Override
  public void close() {
    runs.values().forEach(TrainingRun::requestStop);
    trainer.shutdown();
  }
}
