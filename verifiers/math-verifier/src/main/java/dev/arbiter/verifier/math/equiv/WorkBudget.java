package dev.arbiter.verifier.math.equiv;

import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * The time budget of the item the current thread works on: a deadline (set by {@link #within}) and
 * the thread's interrupt flag, which count the same. Every loop of the evaluators and every step
 * that could start a big computation calls {@link #check()}, so work stops within one bounded step
 * of the deadline or of {@code Future.cancel(true)}. Steps between checks are bounded by magnitude
 * guards ({@link MagnitudeEstimate}), not by this class.
 */
public final class WorkBudget {

  /** The budget ran out or the thread was interrupted: the item's work is abandoned. */
  public static final class Exceeded extends CancellationException {
    Exceeded(String why) {
      super(why);
    }
  }

  private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

  private WorkBudget() {}

  /**
   * Runs {@code work} on this thread with a deadline {@code budgetMillis} from now; {@link
   * #check()} throws {@link Exceeded} past it. Nested calls keep the earlier deadline.
   */
  public static <T> T within(long budgetMillis, Supplier<T> work) {
    long[] outer = DEADLINE.get();
    long deadline = System.nanoTime() + Math.max(0, budgetMillis) * 1_000_000L;
    if (outer != null && outer[0] - deadline < 0) {
      deadline = outer[0];
    }
    DEADLINE.set(new long[] {deadline});
    try {
      return work.get();
    } finally {
      if (outer == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(outer);
      }
    }
  }

  /** Throws {@link Exceeded} when the thread is interrupted or past its deadline. */
  public static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Exceeded("interrupted");
    }
    long[] deadline = DEADLINE.get();
    if (deadline != null && System.nanoTime() - deadline[0] > 0) {
      throw new Exceeded("time budget exceeded");
    }
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
}
