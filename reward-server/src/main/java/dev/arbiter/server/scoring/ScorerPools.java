package dev.arbiter.server.scoring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One bounded worker pool per scorer id (a bulkhead: one scorer's queue never delays another's
 * items), and the watchdog timer that interrupts work past its time limit. Pools come from {@link
 * WorkerPools}.
 */
public final class ScorerPools implements AutoCloseable {

  private final int workersPerScorer;
  private final int queueCapacity;
  private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watchdog = WorkerPools.timer("scoring-watchdog");

  /**
   * @param workersPerScorer threads each scorer's items run on
   * @param queueCapacity tasks each scorer's pool lets wait; beyond it items are {@code overloaded}
   */
  public ScorerPools(int workersPerScorer, int queueCapacity) {
    this.workersPerScorer = workersPerScorer;
    this.queueCapacity = queueCapacity;
  }

  /** The pool of {@code scorerId}, created on first use. */
  public ExecutorService pool(String scorerId) {
    return pools.computeIfAbsent(
        scorerId, id -> WorkerPools.bounded("scoring-" + id, workersPerScorer, queueCapacity));
  }

  /** How many threads each scorer's items may use at once. */
  public int workersPerScorer() {
    return workersPerScorer;
  }

  ScheduledExecutorService watchdog() {
    return watchdog;
  }

  /** Interrupts running work and stops every pool. */
  @Override
  public void close() {
    pools.values().forEach(ExecutorService::shutdownNow);
    watchdog.shutdownNow();
  }
}
