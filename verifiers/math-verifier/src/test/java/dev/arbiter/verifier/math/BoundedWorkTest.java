package dev.arbiter.verifier.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile answers (issue 12, part 2): every one is a verdict, huge values are compared exactly
 * without false positives, and once the verdicts are given no work goes on.
 */
class BoundedWorkTest {

  /**
   * Budgets count the workers' CPU time; the wall-clock ceiling is generous (20 x the budget) so
   * that on a loaded machine the hostile items still get their verdicts instead of being masked
   * {@code overloaded}.
   */
  private static final MathScorer SCORER =
      new MathScorer(
          new MathVerifier(ConformanceCases.SYMJA),
          new MathVerifierProperties(
              Duration.ofSeconds(2), Duration.ofSeconds(10), 4_000_000, true, 20));

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static final String FIB = "\\begin{pmatrix}1&1\\\\1&0\\end{pmatrix}";

  /**
   * 600 terms {@code (2^{4000}+1)/3^{2580}}: exact arithmetic adds them for seconds of CPU, each
   * step (a product and a gcd of 8,000-bit numbers) a few milliseconds, so only the cooperative
   * checks stop it.
   */
  private static final String LONG_SUM = "\\frac{2^{4000}+1}{3^{2580}}+".repeat(600) + "1";

  /**
   * Verdicts that must be decided, not timed out, get the largest budget (the machine is shared).
   */
  private static final Map<String, Object> DECIDE = Map.of("time_budget_ms", 10_000);

  @AfterAll
  static void close() {
    SCORER.close();
  }

  static List<String[]> hostile() {
    return List.of(
        new String[] {"\\binom{1000000000}{500000000}", "5"},
        new String[] {"\\binom{1000000000}{500000000} - \\binom{1000000000}{500000000}", "1"},
        new String[] {"\\binom{2^{20}}{2^{19}}", "5"},
        new String[] {"1000000000!", "5"},
        new String[] {"(1000!)^{1000}", "5"},
        new String[] {"\\frac{1000000!}{999999!}", "999999"},
        new String[] {"2^{999 \\cdot 999 \\cdot 999}", "5"},
        new String[] {"2^{999 \\cdot 999 \\cdot 999} \\cdot 3^{999 \\cdot 999}", "6"},
        new String[] {"x^{999 \\cdot 999 \\cdot 999}", "x"},
        new String[] {"(x+1)^{999 \\cdot 999}", "x^2"},
        new String[] {"10^{10^{10^{10}}}", "5"},
        new String[] {"2^{2^{2^{2^{2}}}}", "5"},
        new String[] {"(2^{60000})^{60000}", "5"},
        new String[] {FIB + "^{1000000000}", FIB},
        new String[] {FIB.repeat(40), "5"},
        new String[] {"\\sum_{k=1}^{1000000000} k", "500000000500000001"},
        new String[] {"\\prod_{k=1}^{1000000000} k", "5"},
        new String[] {"\\sum_{k=1}^{10^{10^{10}}} k!", "5"},
        new String[] {"1" + "0".repeat(10_000) + " \\cdot 2^{999 \\cdot 999}", "5"},
        new String[] {LONG_SUM, "1"});
  }

  private static ScoreResult score(String answer, Object gold, Map<String, Object> options) {
    return SCORER.score(
        new ScoreItem(
            "h", "math", null, "\\boxed{" + answer + "}", Map.of("answer", gold), options, null));
  }

  private static double reward(String answer, Object gold) {
    return reward(answer, gold, DECIDE);
  }

  private static double reward(String answer, Object gold, Map<String, Object> options) {
    ScoreResult r = score(answer, gold, options);
    assertThat(r.status()).as("%.60s vs %.60s", answer, gold).isEqualTo(ScoreStatus.OK);
    return r.reward();
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void score_hostileFormIsAVerdict(String answer, String gold) {
    ScoreResult r = score(answer, gold, Map.of());
    System.out.printf(
        "hostile %.40s: %s %s (%s)%n", answer, r.status(), r.reward(), r.details().get("reason"));
    assertThat(r.status()).isIn(ScoreStatus.OK, ScoreStatus.TIMEOUT);
    assertThat(r.mask()).isFalse();
    assertThat(r.reward()).isEqualTo(0.0);
  }

  /**
   * An arithmetic bomb is a {@code timeout} verdict once its worker has used its CPU budget, and
   * the work stops there: the workers use at most the budget plus one step (100 ms) on it.
   */
  @Test
  void score_arithmeticBombEndsAtItsCpuBudget() {
    Map<Long, Long> before = workerCpu();
    ScoreResult r = score(LONG_SUM, "1", Map.of("time_budget_ms", 300));
    double usedMs = delta(before, workerCpu());
    System.out.printf("arithmetic bomb: %s, workers used %.0f ms of CPU%n", r.status(), usedMs);
    assertThat(r.status()).isEqualTo(ScoreStatus.TIMEOUT);
    assertThat(r.mask()).isFalse();
    assertThat(r.reward()).isEqualTo(0.0);
    assertThat((String) r.details().get("reason")).isEqualTo("CPU time budget of 300 ms exceeded");
    assertThat(usedMs).isGreaterThanOrEqualTo(300.0).isLessThan(300.0 + 100);
  }

  @Test
  void score_hugeLiteralsAreComparedExactly() {
    String nines = "9".repeat(10_000);
    // Only LaTeX extraction: the plain-number scan of 10,000 digits is slow (extract/, not here).
    Map<String, Object> latex =
        Map.of(
            "extraction",
            List.of("latex"),
            "gold_extraction",
            List.of("whole"),
            "time_budget_ms",
            10_000);
    assertThat(reward(nines, "10^{10000} - 1", latex)).isEqualTo(1.0);
    assertThat(reward(nines.substring(1) + "8", "10^{10000} - 1", latex)).isEqualTo(0.0);
    assertThat(reward(nines, "1" + "0".repeat(10_000) + " - 1", latex)).isEqualTo(1.0);
    assertThat(reward("10^{999999}", new BigDecimal("1e999999"))).isEqualTo(1.0);
    assertThat(reward("10^{999998}", new BigDecimal("1e999999"))).isEqualTo(0.0);
    assertThat(reward("10 \\cdot 10^{999998}", new BigDecimal("1e999999"))).isEqualTo(1.0);
    assertThat(reward("10^{-999999}", new BigDecimal("1e-999999"))).isEqualTo(1.0);
    assertThat(reward("10^{-999999}", "0")).isEqualTo(0.0);
    assertThat(reward("10^{-5000}", "0")).isEqualTo(0.0);
    assertThat(reward("\\frac{1}{1000!}", "0")).isEqualTo(0.0);
    assertThat(reward("10^{10^{10}}", "10^{10000000000}")).isEqualTo(1.0);
    assertThat(reward("10^{10^{10}}", "10^{10000000001}")).isEqualTo(0.0);
  }

  @Test
  void score_hugePowersNearMissesAreNotEqual() {
    assertThat(reward("2^{999 \\cdot 999 \\cdot 999}", "2^{997002999}")).isEqualTo(1.0);
    assertThat(reward("2^{999 \\cdot 999 \\cdot 999}", "2^{997002998}")).isEqualTo(0.0);
    assertThat(reward("2^{999 \\cdot 999 \\cdot 999}", "2 \\cdot 2^{997002998}")).isEqualTo(1.0);
    assertThat(reward("2^{999 \\cdot 999 \\cdot 999}", "3 \\cdot 2^{997002998}")).isEqualTo(0.0);
    assertThat(reward("4^{500000}", "2^{1000000}")).isEqualTo(1.0);
    assertThat(reward("4^{500000}", "2^{999999}")).isEqualTo(0.0);
    assertThat(reward("(-2)^{999999}", "-2^{999999}")).isEqualTo(1.0);
    assertThat(reward("(-2)^{999999}", "2^{999999}")).isEqualTo(0.0);
    assertThat(reward("\\frac{10^{999999}}{10^{999998}}", "10")).isEqualTo(1.0);
    assertThat(reward("6^{100000}", "2^{100000} \\cdot 3^{100000}")).isEqualTo(1.0);
    assertThat(reward("6^{100000}", "2^{100000} \\cdot 3^{99999}")).isEqualTo(0.0);
    assertThat(reward("10^{999999} + 1", "10^{999999}")).isEqualTo(0.0);
  }

  @Test
  void score_nonFiniteNumericGoldIsInvalidReference() {
    ScoreResult r = score("10^{999999}", Double.POSITIVE_INFINITY, Map.of());
    assertThat(r.status()).isEqualTo(ScoreStatus.INVALID_REFERENCE);
    assertThat((String) r.details().get("reason")).contains("send it as a string");
  }

  /**
   * Twenty hostile items at once, each with a 300 ms budget. Once the last result is given, the
   * math workers must stay idle: over the next 5 s they may use at most the 100 ms per cut-off item
   * that the bound allows (what is left of one step between two checks). Items that kept running
   * would use seconds there (all the CPU the machine gives these threads, as while they ran). An
   * item is cut off by its CPU budget ({@code timeout}) or, where twenty threads share a loaded
   * machine's cores so that one gets less than 1/20 of a core, by the wall-clock ceiling (masked
   * {@code overloaded}); which one depends on the machine, that the work stops does not.
   */
  @Test
  void score_twentyHostileItemsLeaveTheWorkersIdle() throws Exception {
    List<String[]> items = new ArrayList<>(hostile().subList(0, 12));
    for (int i = 0; items.size() < 20; i++) {
      items.add(new String[] {LONG_SUM.replace("+1}", "+" + (i + 2) + "}"), "1"});
    }
    Map<Long, Long> before = workerCpu();
    long start = System.nanoTime();
    ExecutorService callers = Executors.newFixedThreadPool(20);
    List<CompletableFuture<ScoreResult>> futures = new ArrayList<>();
    for (String[] item : items) {
      futures.add(
          CompletableFuture.supplyAsync(
              () -> score(item[0], item[1], Map.of("time_budget_ms", 300)), callers));
    }
    int timedOut = 0;
    int overloaded = 0;
    for (CompletableFuture<ScoreResult> f : futures) {
      ScoreResult r = f.join();
      assertThat(r.status()).isIn(ScoreStatus.OK, ScoreStatus.TIMEOUT, ScoreStatus.OVERLOADED);
      assertThat(r.mask()).isEqualTo(r.status() == ScoreStatus.OVERLOADED);
      timedOut += r.status() == ScoreStatus.TIMEOUT ? 1 : 0;
      overloaded += r.status() == ScoreStatus.OVERLOADED ? 1 : 0;
    }
    callers.shutdown();
    double runMs = (System.nanoTime() - start) / 1e6;
    Map<Long, Long> afterVerdicts = workerCpu();
    double runCpuMs = delta(before, afterVerdicts);
    long processBefore = processCpu();
    Set<String> busy = new TreeSet<>();
    for (int i = 0; i < 10; i++) {
      Thread.sleep(500);
      busy.addAll(runningWorkers());
    }
    double idleCpuMs = delta(afterVerdicts, workerCpu());
    double processMs = (processCpu() - processBefore) / 1e6;
    System.out.printf(
        "20 hostile items: %d timeouts, %d overloaded, results in %.0f ms, workers used %.0f ms CPU"
            + " meanwhile (%.0f ms per 5 s); over the next 5 s: workers %.1f ms, whole process"
            + " %.0f ms%n",
        timedOut, overloaded, runMs, runCpuMs, runCpuMs / runMs * 5_000, idleCpuMs, processMs);
    busy.forEach(frame -> System.out.println("  still running after the verdicts: " + frame));
    int cutOff = timedOut + overloaded;
    assertThat(cutOff).as("items cut off while computing").isGreaterThanOrEqualTo(4);
    assertThat(idleCpuMs).isLessThanOrEqualTo(100.0 * cutOff);
  }

  /**
   * A serving layer cancels timed-out work with {@code Future.cancel(true)}, which interrupts the
   * thread in {@code score}: the worker computing the item must stop too.
   */
  @Test
  void score_interruptedCallerStopsTheWorker() throws Exception {
    Map<Long, Long> before = workerCpu();
    AtomicReference<ScoreResult> result = new AtomicReference<>();
    Thread caller = new Thread(() -> result.set(score(LONG_SUM, "1", DECIDE)));
    caller.start();
    await("150 ms of worker CPU on the item")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> delta(before, workerCpu()) >= 150);
    assertThat(caller.isAlive()).as("still computing after 150 ms of worker CPU").isTrue();
    caller.interrupt();
    caller.join(10_000);
    Map<Long, Long> atCancel = workerCpu();
    Thread.sleep(2_000);
    double afterMs = delta(atCancel, workerCpu());
    System.out.printf("interrupted caller: workers used %.1f ms of CPU afterwards%n", afterMs);
    assertThat(caller.isAlive()).isFalse();
    assertThat(result.get().mask()).isTrue();
    assertThat(afterMs).isLessThan(100);
  }

  /** CPU time (ns) of each live math worker thread. */
  private static Map<Long, Long> workerCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("math-verify-")) {
        cpu.put(t.getId(), Math.max(0, THREADS.getThreadCpuTime(t.getId())));
      }
    }
    return cpu;
  }

  /** Where each runnable math worker is, a few frames deep. */
  private static List<String> runningWorkers() {
    List<String> out = new ArrayList<>();
    Thread.getAllStackTraces()
        .forEach(
            (t, stack) -> {
              if (t.getName().startsWith("math-verify-")
                  && t.getState() == Thread.State.RUNNABLE
                  && stack.length > 0) {
                StringBuilder frames = new StringBuilder();
                for (int i = 0; i < Math.min(12, stack.length); i++) {
                  frames.append(i == 0 ? "" : " < ").append(stack[i]);
                }
                out.add(frames.toString());
              }
            });
    return out;
  }

  private static double delta(Map<Long, Long> before, Map<Long, Long> after) {
    long total = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return total / 1e6;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
