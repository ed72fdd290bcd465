package dev.arbiter.verifier.math.bench;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.verifier.math.ConformanceCases;
import dev.arbiter.verifier.math.MathOptions;
import dev.arbiter.verifier.math.MathScorer;
import dev.arbiter.verifier.math.MathVerifier;
import dev.arbiter.verifier.math.MathVerifierProperties;
import dev.arbiter.verifier.math.equiv.SymjaSimplifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Single-threaded, warm throughput and latency of the math verifier on the 308 Math-Verify
 * conformance cases (each case with its own recorded configuration):
 *
 * <pre>
 * scripts/bench verifiers/math-verifier --main dev.arbiter.verifier.math.bench.MathVerifierHarness [warmupRounds] [rounds]
 * </pre>
 *
 * Reports two paths: the verifier called directly, and the {@code math} scorer (which hands each
 * item to a budgeted worker thread and waits for it).
 */
public final class MathVerifierHarness {

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<ConformanceCases.Case> cases = ConformanceCases.load("math_verify_cases.jsonl");
    SymjaSimplifier symja = new SymjaSimplifier();
    symja.warmUp();
    MathVerifier verifier = new MathVerifier(symja);
    List<MathOptions> options = new ArrayList<>();
    for (ConformanceCases.Case c : cases) {
      options.add(MathOptions.from(c.options(), 2000, 10_000));
    }
    System.out.printf(
        "cases=%d warmup_rounds=%d rounds=%d cpus=%d%n",
        cases.size(), warmup, rounds, Runtime.getRuntime().availableProcessors());
    Runnable[] direct = new Runnable[cases.size()];
    for (int i = 0; i < cases.size(); i++) {
      ConformanceCases.Case c = cases.get(i);
      MathOptions o = options.get(i);
      direct[i] = () -> verifier.verify(c.pred(), c.gold(), o);
    }
    measure("verifier (direct)", direct, warmup, rounds);
    try (MathScorer scorer =
        new MathScorer(
            verifier,
            new MathVerifierProperties(
                Duration.ofSeconds(2), Duration.ofSeconds(10), 4_000_000, true, 3))) {
      Runnable[] scored = new Runnable[cases.size()];
      for (int i = 0; i < cases.size(); i++) {
        ConformanceCases.Case c = cases.get(i);
        ScoreItem item =
            new ScoreItem(
                "c" + i, "math", null, c.pred(), Map.of("answer", c.gold()), c.options(), null);
        scored[i] = () -> scorer.score(item);
      }
      measure("math scorer (budgeted worker)", scored, warmup, rounds);
    }
    System.exit(0);
  }

  private static void measure(String name, Runnable[] calls, int warmup, int rounds) {
    for (int r = 0; r < warmup; r++) {
      for (Runnable call : calls) {
        call.run();
      }
    }
    long[] latencies = new long[calls.length * rounds];
    int k = 0;
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    java.lang.management.ThreadMXBean thread =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long threadStart = thread.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      for (Runnable call : calls) {
        long t = System.nanoTime();
        call.run();
        latencies[k++] = System.nanoTime() - t;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
    double threadSeconds = (thread.getCurrentThreadCpuTime() - threadStart) / 1e9;
    Arrays.sort(latencies);
    System.out.printf(
        "%-30s %6.0f cases/s wall, %6.0f per process-CPU-s, %6.0f per caller-thread-CPU-s;"
            + " p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, worst %.3f ms%n",
        name,
        latencies.length / seconds,
        latencies.length / cpuSeconds,
        latencies.length / threadSeconds,
        ms(latencies, 0.50),
        ms(latencies, 0.90),
        ms(latencies, 0.99),
        latencies[latencies.length - 1] / 1e6);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }
}
