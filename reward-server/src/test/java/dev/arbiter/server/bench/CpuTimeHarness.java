package dev.arbiter.server.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Measures operations of one benchmark object in operations per CPU-second of the measuring thread,
 * beside per wall-second. On a machine shared with concurrent builds, wall-clock throughput (what
 * JMH reports) mostly measures how often the scheduler runs this thread; CPU time is what "per
 * core" means. The variants run interleaved, round by round, so contention hits all of them alike
 * and their ratios stay comparable; the first variant is the baseline of the ratio column.
 *
 * <p>A module's harness is a {@code main} that names its variants and calls {@link #run}; {@code
 * scripts/bench MODULE --main CLASS [rounds] [opsPerRound]} runs it.
 *
 * @param <B> the benchmark object the variants call
 */
public final class CpuTimeHarness<B> {

  private static double sink;

  private final B bench;
  private final String nameHeader;
  private final String unit;
  private final Map<String, ToDoubleFunction<B>> variants = new LinkedHashMap<>();

  /**
   * @param bench the benchmark object, already set up
   * @param nameHeader the header of the first column, e.g. {@code scorer}
   * @param unit what one operation is in the column headers, e.g. {@code items}
   */
  public CpuTimeHarness(B bench, String nameHeader, String unit) {
    this.bench = bench;
    this.nameHeader = nameHeader;
    this.unit = unit;
  }

  /** Adds a variant; {@code op} returns a value that is summed so that the JIT cannot drop it. */
  public CpuTimeHarness<B> variant(String name, ToDoubleFunction<B> op) {
    variants.put(name, op);
    return this;
  }

  /**
   * Runs every variant {@code warmups} times unrecorded (the JIT compiles each path first), then
   * {@code rounds} recorded rounds of {@code ops} operations each, and prints the table to {@code
   * out}: median, min and max per CPU-second, median per wall-second, the ratio to the baseline.
   */
  public void run(int warmups, int rounds, int ops, PrintStream out) {
    for (int w = 0; w < warmups; w++) {
      variants.values().forEach(v -> repeat(v, ops));
    }
    Map<String, double[]> cpuRates = new LinkedHashMap<>();
    Map<String, double[]> wallRates = new LinkedHashMap<>();
    variants.keySet().forEach(k -> cpuRates.put(k, new double[rounds]));
    variants.keySet().forEach(k -> wallRates.put(k, new double[rounds]));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < rounds; r++) {
      for (var e : variants.entrySet()) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        repeat(e.getValue(), ops);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        cpuRates.get(e.getKey())[r] = ops / (cpu / 1e9);
        wallRates.get(e.getKey())[r] = ops / (wall / 1e9);
      }
    }
    print(cpuRates, wallRates, out);
  }

  private void print(
      Map<String, double[]> cpuRates, Map<String, double[]> wallRates, PrintStream out) {
    String baseline = variants.keySet().iterator().next();
    int nameWidth =
        Math.max(16, variants.keySet().stream().mapToInt(String::length).max().orElse(0) + 1);
    String medianHeader = "median " + unit + "/cpu-s";
    int medianWidth = medianHeader.length();
    out.printf(
        Locale.ROOT,
        "%-" + nameWidth + "s %" + medianWidth + "s %16s %16s %" + medianWidth + "s%n",
        nameHeader,
        medianHeader,
        "min " + unit + "/cpu-s",
        "max " + unit + "/cpu-s",
        "median " + unit + "/wall-s");
    double base = median(cpuRates.get(baseline));
    String row =
        "%-"
            + nameWidth
            + "s %"
            + medianWidth
            + ".0f %16.0f %16.0f %"
            + medianWidth
            + ".0f   (x%.2f of "
            + baseline
            + ")%n";
    for (String k : variants.keySet()) {
      double[] c = cpuRates.get(k);
      out.printf(
          Locale.ROOT,
          row,
          k,
          median(c),
          Arrays.stream(c).min().orElse(0),
          Arrays.stream(c).max().orElse(0),
          median(wallRates.get(k)),
          median(c) / base);
    }
    out.println("(checksum " + sink + ")");
  }

  private void repeat(ToDoubleFunction<B> op, int ops) {
    double s = 0;
    for (int i = 0; i < ops; i++) {
      s += op.applyAsDouble(bench);
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
