package dev.arbiter.verifier.rules.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The {@link RulesBenchmark} operations in items per CPU-second of the measuring thread (the
 * issue's unit), beside per wall-second. On a machine shared with concurrent builds, wall-clock
 * throughput mostly measures how often the scheduler runs this thread. Variants run interleaved,
 * round by round, so contention hits all of them alike and their ratios stay comparable.
 *
 * <p>Run: {@code scripts/bench verifiers/rules --main
 * dev.arbiter.verifier.rules.bench.RulesCpuHarness [rounds] [opsPerRound]}
 */
public final class RulesCpuHarness {

  private static double sink;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    RulesBenchmark b = new RulesBenchmark();
    b.setUp();
    Map<String, ToDoubleFunction<RulesBenchmark>> variants = new LinkedHashMap<>();
    variants.put("formatRegexBaseline", x -> x.formatRegexBaseline() ? 1 : 0);
    variants.put("format", x -> x.format().reward());
    variants.put("length", x -> x.length().reward());
    variants.put("repetition", x -> x.repetition().reward());
    variants.put("reasoning-steps", x -> x.reasoningSteps().reward());
    variants.put("critique", x -> x.critique().reward());
    variants.put("truthfulness", x -> x.truthfulness().reward());
    variants.put("tool-call", x -> x.toolCall().reward());
    variants.put("web-action", x -> x.webAction().reward());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int w = 0; w < 3; w++) {
      variants.values().forEach(v -> run(b, v, ops));
    }
    Map<String, double[]> cpu = new LinkedHashMap<>();
    Map<String, double[]> wall = new LinkedHashMap<>();
    variants.keySet().forEach(k -> cpu.put(k, new double[rounds]));
    variants.keySet().forEach(k -> wall.put(k, new double[rounds]));
    for (int r = 0; r < rounds; r++) {
      for (var e : variants.entrySet()) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        run(b, e.getValue(), ops);
        cpu.get(e.getKey())[r] = ops / ((threads.getCurrentThreadCpuTime() - cpu0) / 1e9);
        wall.get(e.getKey())[r] = ops / ((System.nanoTime() - wall0) / 1e9);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-20s %18s %16s %16s %18s%n",
        "scorer",
        "median items/cpu-s",
        "min items/cpu-s",
        "max items/cpu-s",
        "median items/wall-s");
    double base = median(cpu.get("formatRegexBaseline"));
    for (String k : variants.keySet()) {
      double[] c = cpu.get(k);
      System.out.printf(
          Locale.ROOT,
          "%-20s %18.0f %16.0f %16.0f %18.0f   (x%.2f of formatRegexBaseline)%n",
          k,
          median(c),
          Arrays.stream(c).min().orElse(0),
          Arrays.stream(c).max().orElse(0),
          median(wall.get(k)),
          median(c) / base);
    }
    System.out.println("(checksum " + sink + ")");
  }

  private static void run(RulesBenchmark b, ToDoubleFunction<RulesBenchmark> op, int ops) {
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
