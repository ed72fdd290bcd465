package dev.arbiter.verifier.math.equiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkBudgetTest {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * A sum that exact arithmetic computes for many seconds, each step a few milliseconds: 4000 terms
   * {@code (2^4000 + 1) / 3^2580}, every addition a product and a gcd of 8,000-bit numbers.
   */
  private static Expr longExactSum() {
    Expr term =
        new Div(new Add(List.of(power(2, 4000), new Num(BigDecimal.ONE, false))), power(3, 2580));
    List<Expr> terms = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      terms.add(term);
    }
    return new Add(terms);
  }

  private static Expr power(int base, int exponent) {
    return new Pow(
        new Num(BigDecimal.valueOf(base), false), new Num(BigDecimal.valueOf(exponent), false));
  }

  @Test
  void check_throwsPastTheDeadline() {
    assertThatThrownBy(
            () ->
                WorkBudget.within(
                    0,
                    () -> {
                      WorkBudget.check();
                      return null;
                    }))
        .isInstanceOf(WorkBudget.Exceeded.class)
        .hasMessageContaining("time budget");
    assertThat(WorkBudget.within(60_000, WorkBudget::exceeded)).isFalse();
  }

  @Test
  void check_countsCpuTimeNotWallTime() {
    AtomicLong cpu = new AtomicLong();
    String outcome =
        WorkBudget.within(
            5,
            thread -> cpu.get(),
            () -> {
              // no CPU used (a starved thread) while four budgets of wall time pass
              long start = System.nanoTime();
              while (System.nanoTime() - start < 20_000_000) {
                WorkBudget.check();
              }
              cpu.set(5_000_000);
              // the CPU clock is read again within the wall time the rest of the budget needs
              while (!WorkBudget.exceeded()) {
                Thread.onSpinWait();
              }
              return "stopped";
            });
    assertThat(outcome).isEqualTo("stopped");
  }

  @Test
  void check_readsNoCpuClockBeforeTheBudgetHasPassedInWallTime() {
    AtomicInteger reads = new AtomicInteger();
    WorkBudget.within(
        60_000,
        thread -> {
          reads.incrementAndGet();
          return 0;
        },
        () -> {
          for (int i = 0; i < 100_000; i++) {
            WorkBudget.check();
          }
          return null;
        });
    assertThat(reads.get()).as("the one read at the start").isEqualTo(1);
  }

  @Test
  void check_readsTheCpuClockAtMostOncePerMillisecondOnceWallTimePassedTheBudget() {
    AtomicInteger reads = new AtomicInteger();
    long start = System.nanoTime();
    WorkBudget.within(
        1,
        thread -> {
          reads.incrementAndGet();
          return 0; // a starved thread: the budget is never spent
        },
        () -> {
          for (int i = 0; i < 1_000_000; i++) {
            WorkBudget.check();
          }
          return null;
        });
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    // one read at the start, then one per millisecond of wall time at most
    assertThat(reads.get()).isGreaterThan(1).isLessThanOrEqualTo(2 + (int) elapsedMs);
  }

  @Test
  void exceeded_tellsASpentBudgetFromAnInterrupt() {
    assertThatThrownBy(() -> WorkBudget.within(0, thread -> 0, () -> run(WorkBudget::check)))
        .isInstanceOfSatisfying(
            WorkBudget.Exceeded.class, e -> assertThat(e.budgetSpent()).isTrue());
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(WorkBudget::check)
          .isInstanceOfSatisfying(
              WorkBudget.Exceeded.class, e -> assertThat(e.budgetSpent()).isFalse());
    } finally {
      Thread.interrupted();
    }
  }

  private static Object run(Runnable r) {
    r.run();
    return null;
  }

  @Test
  void within_nestedBudgetKeepsTheEarlierDeadline() {
    boolean inner = WorkBudget.within(0, () -> WorkBudget.within(60_000, WorkBudget::exceeded));
    assertThat(inner).isTrue();
  }

  @Test
  void eval_stopsPromptlyWhenInterrupted() throws Exception {
    AtomicLong cpuAtExit = new AtomicLong();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              started.countDown();
              try {
                ExactEvaluator.eval(longExactSum());
              } catch (Throwable t) {
                thrown.set(t);
              } finally {
                cpuAtExit.set(THREADS.getCurrentThreadCpuTime());
              }
            });
    worker.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    long cpuAtInterrupt = waitForCpu(worker, 300);
    worker.interrupt();
    worker.join(10_000);

    assertThat(worker.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(WorkBudget.Exceeded.class);
    double afterMs = (cpuAtExit.get() - cpuAtInterrupt) / 1e6;
    System.out.printf(
        "interrupt: worker had used %.0f ms of CPU, %.1f ms more after the interrupt%n",
        cpuAtInterrupt / 1e6, afterMs);
    assertThat(afterMs).isLessThan(100);
  }

  @Test
  void eval_stopsAtTheWorkBudget() throws Exception {
    AtomicLong cpuAtExit = new AtomicLong();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                WorkBudget.within(300, () -> ExactEvaluator.eval(longExactSum()));
              } catch (Throwable t) {
                thrown.set(t);
              } finally {
                cpuAtExit.set(THREADS.getCurrentThreadCpuTime());
              }
            });
    long start = System.nanoTime();
    worker.start();
    worker.join(30_000);
    assertThat(worker.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(WorkBudget.Exceeded.class);
    // The budget is the thread's CPU time: it stops after 300 ms of CPU plus at most one step,
    // however long a loaded machine took to give it that much.
    assertThat(cpuAtExit.get() / 1e6).isBetween(300.0, 300.0 + 100);
    assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(300);
  }

  /** Waits until the thread has used {@code ms} of CPU (it is really computing); its CPU then. */
  private static long waitForCpu(Thread t, long ms) {
    await("a thread computing until it has used " + ms + " ms of CPU")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(
            () -> {
              assertThat(t.isAlive()).as("still computing").isTrue();
              assertThat(THREADS.getThreadCpuTime(t.getId()))
                  .isGreaterThanOrEqualTo(ms * 1_000_000);
            });
    return THREADS.getThreadCpuTime(t.getId());
  }
}
