package dev.arbiter.verifier.math;

import dev.arbiter.verifier.math.equiv.WorkBudget;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * One item's check as a worker task: it runs under a {@link WorkBudget} of CPU time on the worker,
 * and the caller waiting for it can read how much CPU time the worker has used so far.
 */
final class CpuMeteredCheck<T> implements Callable<T> {

  private final Supplier<T> work;
  private final long budgetMillis;
  private final WorkBudget.CpuClock clock;
  private volatile long cpuAtStart;
  private volatile Thread worker;

  CpuMeteredCheck(Supplier<T> work, long budgetMillis, WorkBudget.CpuClock clock) {
    this.work = work;
    this.budgetMillis = budgetMillis;
    this.clock = clock;
  }

  @Override
  public T call() {
    Thread self = Thread.currentThread();
    cpuAtStart = clock.cpuNanos(self);
    worker = self;
    try {
      return WorkBudget.within(budgetMillis, clock, work);
    } finally {
      worker = null;
    }
  }

  /** CPU time the worker has spent on this check; 0 before it starts and after it ends. */
  long cpuUsedNanos() {
    Thread t = worker;
    if (t == null) {
      return 0;
    }
    long now = clock.cpuNanos(t);
    return now < 0 ? 0 : Math.max(0, now - cpuAtStart);
  }
}
