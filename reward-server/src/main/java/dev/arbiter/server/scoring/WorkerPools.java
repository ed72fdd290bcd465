package dev.arbiter.server.scoring;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one factory of executors for scorer work and its timers. Every pool it makes runs daemon
 * threads named {@code <name>-<n>} (so a thread dump names the scorer), lets idle threads go after
 * a minute, and refuses work it cannot queue ({@link
 * java.util.concurrent.RejectedExecutionException}: the caller masks those items {@code
 * overloaded}) instead of running it on the caller's thread.
 */
public final class WorkerPools {

  private static final long IDLE_SECONDS = 60;

  private WorkerPools() {}

  /**
   * {@code threads} workers and a queue of at most {@code queueCapacity} waiting tasks: a bulkhead.
   */
  public static ThreadPoolExecutor bounded(String name, int threads, int queueCapacity) {
    return fixed(name, threads, new ArrayBlockingQueue<>(queueCapacity));
  }

  /**
   * {@code threads} workers and an unbounded queue, for work whose admission is bounded elsewhere
   * (the items a request may carry, a sandbox's slots).
   */
  public static ThreadPoolExecutor queued(String name, int threads) {
    return fixed(name, threads, new LinkedBlockingQueue<>());
  }

  /**
   * No queue: each task gets a thread at once, up to {@code maxThreads}; beyond that it is refused.
   * For work that must start now or not at all (a computation that its caller waits for under a
   * deadline).
   */
  public static ThreadPoolExecutor direct(String name, int maxThreads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            maxThreads,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemonThreads(name),
            new ThreadPoolExecutor.AbortPolicy());
    return pool;
  }

  /** One thread for timers (time limits, periodic asks); cancelled timers are dropped at once. */
  public static ScheduledThreadPoolExecutor timer(String name) {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads(name));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** Daemon threads named {@code <name>-1}, {@code <name>-2}, ... */
  public static ThreadFactory daemonThreads(String name) {
    AtomicInteger seq = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + seq.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static ThreadPoolExecutor fixed(String name, int threads, BlockingQueue<Runnable> queue) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            queue,
            daemonThreads(name),
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
