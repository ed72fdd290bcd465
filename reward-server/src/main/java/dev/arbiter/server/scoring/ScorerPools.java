package dev.arbiter.server.scoring;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bounded worker pool per scorer id (a bulkhead: one scorer's queue never delays another's
 * items), and the watchdog timer that interrupts work past its time limit.
 */
public final class ScorerPools implements AutoCloseable {

  private final int workersPerScorer;
  private final int queueCapacity;
  private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor watchdog;

  /**
   * @param workersPerScorer threads each scorer's items run on
   * @param queueCapacity tasks each scorer's pool lets wait; beyond it items are {@code overloaded}
   */
  public ScorerPools(int workersPerScorer, int queueCapacity) {
    this.workersPerScorer = workersPerScorer;
    this.queueCapacity = queueCapacity;
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("scoring-watchdog", null));
    watchdog.setRemoveOnCancelPolicy(true);
  }

  /** The pool of {@code scorerId}, created on first use. */
  public ExecutorService pool(String scorerId) {
    return pools.computeIfAbsent(scorerId, this::newPool);
  }

  /** How many threads each scorer's items may use at once. */
  public int workersPerScorer() {
    return workersPerScorer;
  }

  ScheduledExecutorService watchdog() {
    return watchdog;
  }

  private ThreadPoolExecutor newPool(String scorerId) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            workersPerScorer,
            workersPerScorer,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            daemon("scoring-" + scorerId + "-", new AtomicInteger()),
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory daemon(String name, AtomicInteger seq) {
    return r -> {
      Thread t = new Thread(r, seq == null ? name : name + seq.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Interrupts running work and stops every pool. */
  @Override
  public void close() {
    pools.values().forEach(ExecutorService::shutdownNow);
    watchdog.shutdownNow();
  }
}
