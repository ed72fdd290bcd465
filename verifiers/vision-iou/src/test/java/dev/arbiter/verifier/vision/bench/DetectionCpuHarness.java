package dev.arbiter.verifier.vision.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The {@link DetectionBenchmark} operations measured in scene-scorings per CPU-second of the
 * measuring thread, beside per wall-second. On a machine shared with concurrent builds, wall-clock
 * throughput (what JMH reports) mostly measures how often the scheduler runs this thread; CPU time
 * is what "per core" means. The variants run interleaved, round by round, so contention hits all of
 * them alike and their ratios stay comparable.
 *
 * <p>Run: {@code scripts/bench verifiers/vision-iou --main
 * dev.arbiter.verifier.vision.bench.DetectionCpuHarness [rounds] [opsPerRound]}
 */
public final class DetectionCpuHarness {

  private static double sink;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    DetectionBenchmark bench = new DetectionBenchmark();
    bench.setUp();
    Map<String, ToDoubleFunction<DetectionBenchmark>> variants = new LinkedHashMap<>();
    variants.put("scoreGreedy", b -> b.scoreGreedy().reward());
    variants.put("scoreHungarian", b -> b.scoreHungarian().reward());
    variants.put("matchGreedy", DetectionBenchmark::matchGreedy);
    variants.put("matchHungarian", DetectionBenchmark::matchHungarian);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    // warm-up: the JIT compiles each path before anything is recorded
    for (int w = 0; w < 5; w++) {
      variants.values().forEach(v -> run(bench, v, ops));
    }
    Map<String, double[]> cpuRates = new LinkedHashMap<>();
    Map<String, double[]> wallRates = new LinkedHashMap<>();
    variants.keySet().forEach(k -> cpuRates.put(k, new double[rounds]));
    variants.keySet().forEach(k -> wallRates.put(k, new double[rounds]));
    for (int r = 0; r < rounds; r++) {
      for (var e : variants.entrySet()) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        run(bench, e.getValue(), ops);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        cpuRates.get(e.getKey())[r] = ops / (cpu / 1e9);
        wallRates.get(e.getKey())[r] = ops / (wall / 1e9);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-16s %16s %16s %16s %16s%n",
        "variant",
        "median ops/cpu-s",
        "min ops/cpu-s",
        "max ops/cpu-s",
        "median ops/wall-s");
    double base = median(cpuRates.get("scoreGreedy"));
    for (String k : variants.keySet()) {
      double[] c = cpuRates.get(k);
      System.out.printf(
          Locale.ROOT,
          "%-16s %16.0f %16.0f %16.0f %16.0f   (x%.2f of scoreGreedy)%n",
          k,
          median(c),
          Arrays.stream(c).min().orElse(0),
          Arrays.stream(c).max().orElse(0),
          median(wallRates.get(k)),
          median(c) / base);
    }
    System.out.println("(checksum " + sink + ")");
  }

  private static void run(DetectionBenchmark b, ToDoubleFunction<DetectionBenchmark> op, int ops) {
    double s = 0;
    for (int i = 0; i < ops; i++) {
      s += op.applyAsDouble(b);
    }
    sink += s;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
