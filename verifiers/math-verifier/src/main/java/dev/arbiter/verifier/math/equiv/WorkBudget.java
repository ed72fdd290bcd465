package dev.arbiter.verifier.math.equiv;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The time budget of the item the current thread works on: CPU time of this thread (set by {@link
 * #within}) and the thread's interrupt flag. Every loop of the evaluators and every step that could
 * start a big computation calls {@link #check()}, so work stops within one bounded step of the
 * budget's end or of {@code Future.cancel(true)}. Steps between checks are bounded by magnitude
 * guards ({@link MagnitudeEstimate}), not by this class.
 *
 * <p>The budget counts CPU time, not wall time, so that a verdict does not depend on how busy the
 * machine is: a thread that waits for a core (or a GC) spends no budget. {@link #check()} stays
 * cheap: a thread's CPU time never runs ahead of wall time, so it reads no clock but {@code
 * System.nanoTime()} until as much wall time as the budget has passed, and after each read of the
 * CPU time it waits at least the wall time that the rest of the budget needs (and at least {@link
 * #MIN_READ_INTERVAL_NANOS}) before reading again. Where the JVM cannot measure thread CPU time the
 * budget is wall time (logged once).
 */
public final class WorkBudget {

  /** The budget ran out or the thread was interrupted: the item's work is abandoned. */
  public static final class Exceeded extends CancellationException {
    private final boolean budgetSpent;

    Exceeded(String why, boolean budgetSpent) {
      super(why);
      this.budgetSpent = budgetSpent;
    }

    /**
     * True when the work used up its budget (a verdict on the item), false when the thread was
     * interrupted (someone else gave up on it).
     */
    public boolean budgetSpent() {
      return budgetSpent;
    }
  }

  /** The CPU time a thread has used, in nanoseconds (a seam: tests starve a thread with it). */
  @FunctionalInterface
  public interface CpuClock {
    /** CPU time of {@code thread} (alive), in nanoseconds; only differences are meaningful. */
    long cpuNanos(Thread thread);
  }

  /** Fewest nanoseconds of wall time between two reads of the CPU clock in {@link #check()}. */
  static final long MIN_READ_INTERVAL_NANOS = 1_000_000;

  /**
   * The threads' CPU time from {@link ThreadMXBean}, or wall time where the JVM cannot measure it.
   */
  public static final CpuClock THREAD_CPU = threadCpu();

  private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();

  private WorkBudget() {}

  /** What one thread may still spend: its CPU clock's deadline and when to read the clock next. */
  private static final class Budget {
    final CpuClock clock;
    final long cpuDeadline;
    long nextRead;

    Budget(CpuClock clock, long cpuDeadline, long nextRead) {
      this.clock = clock;
      this.cpuDeadline = cpuDeadline;
      this.nextRead = nextRead;
    }
  }

  /** {@link #within(long, CpuClock, Supplier)} on this thread's CPU time ({@link #THREAD_CPU}). */
  public static <T> T within(long budgetMillis, Supplier<T> work) {
    return within(budgetMillis, THREAD_CPU, work);
  }

  /**
   * Runs {@code work} on this thread with {@code budgetMillis} of CPU time by {@code clock}; {@link
   * #check()} throws {@link Exceeded} once it is spent. Nested calls keep the earlier end (and the
   * outer clock).
   */
  public static <T> T within(long budgetMillis, CpuClock clock, Supplier<T> work) {
    Budget outer = BUDGET.get();
    CpuClock used = outer == null ? clock : outer.clock;
    long budget = Math.max(0, budgetMillis) * 1_000_000L;
    long deadline = used.cpuNanos(Thread.currentThread()) + budget;
    long nextRead = System.nanoTime() + budget;
    if (outer != null && outer.cpuDeadline - deadline < 0) {
      deadline = outer.cpuDeadline;
      nextRead = System.nanoTime();
    }
    BUDGET.set(new Budget(used, deadline, nextRead));
    try {
      return work.get();
    } finally {
      if (outer == null) {
        BUDGET.remove();
      } else {
        BUDGET.set(outer);
      }
    }
  }

  /** Throws {@link Exceeded} when the thread is interrupted or its budget is spent. */
  public static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Exceeded("interrupted", false);
    }
    Budget b = BUDGET.get();
    if (b == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - b.nextRead < 0) {
      return;
    }
    long left = b.cpuDeadline - b.clock.cpuNanos(Thread.currentThread());
    if (left <= 0) {
      throw new Exceeded("time budget exceeded", true);
    }
    b.nextRead = now + Math.max(left, MIN_READ_INTERVAL_NANOS);
  }

  /** Whether {@link #check()} would throw. */
  public static boolean exceeded() {
    try {
      check();
      return false;
    } catch (Exceeded e) {
      return true;
    }
  }

  private static CpuClock threadCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean supported =
        threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeSupported();
    if (supported && !threads.isThreadCpuTimeEnabled()) {
      try {
        threads.setThreadCpuTimeEnabled(true);
      } catch (UnsupportedOperationException | SecurityException e) {
        supported = false;
      }
    }
    if (!supported || !threads.isThreadCpuTimeEnabled()) {
      LoggerFactory.getLogger(WorkBudget.class)
          .warn(
              "this JVM cannot measure thread CPU time: math time budgets count wall time, so a"
                  + " loaded machine can turn slow correct answers into timeouts");
      return thread -> System.nanoTime();
    }
    return thread ->
        thread == Thread.currentThread()
            ? threads.getCurrentThreadCpuTime()
            : threads.getThreadCpuTime(thread.getId());
  }
}
