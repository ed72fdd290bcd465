package dev.arbiter.verifier.rules.bench;

import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.ItemFieldsEquivalence;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU nanoseconds of the measuring thread per bind, {@link ItemFields} (direct where the record is
 * simple) beside Jackson alone, for maps two rule scorers get, on their own records. The two run
 * interleaved, round by round, so machine load hits both alike and their ratio stays comparable.
 *
 * <p>Run: {@code scripts/bench verifiers/rules --main
 * dev.arbiter.verifier.rules.bench.ItemFieldsCpuHarness [rounds] [bindsPerRound]}
 */
public final class ItemFieldsCpuHarness {

  private static Object sink;

  public static void main(String[] args) throws ClassNotFoundException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int binds = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Map<String, List<Supplier<Record>>> cases = new LinkedHashMap<>();
    cases.put(
        "length options {correct}",
        pair(Map.of("correct", true), record("shaping.LengthScorer$Options"), true));
    cases.put(
        "truthfulness reference {answer}",
        pair(
            Map.of("answer", List.of("1889", "in 1889")),
            record("truth.TruthfulnessScorer$Reference"),
            false));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int w = 0; w < 2; w++) {
      cases.values().forEach(p -> p.forEach(s -> run(s, binds)));
    }
    Map<String, double[][]> nanos = new LinkedHashMap<>();
    cases.keySet().forEach(k -> nanos.put(k, new double[2][rounds]));
    for (int r = 0; r < rounds; r++) {
      for (var e : cases.entrySet()) {
        for (int v = 0; v < 2; v++) {
          long cpu0 = threads.getCurrentThreadCpuTime();
          run(e.getValue().get(v), binds);
          nanos.get(e.getKey())[v][r] = (threads.getCurrentThreadCpuTime() - cpu0) / (double) binds;
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "%-42s %14s %14s %8s%n", "bind", "ItemFields ns", "Jackson ns", "ratio");
    for (var e : nanos.entrySet()) {
      double direct = median(e.getValue()[0]);
      double jackson = median(e.getValue()[1]);
      System.out.printf(
          Locale.ROOT,
          "%-42s %14.0f %14.0f %7.1fx%n",
          e.getKey(),
          direct,
          jackson,
          jackson / direct);
    }
    System.out.println("(checksum " + sink.hashCode() + ")");
  }

  private static <T extends Record> List<Supplier<Record>> pair(
      Map<String, Object> map, Class<T> type, boolean options) {
    return List.of(
        () -> options ? ItemFields.options(map, type) : ItemFields.reference(map, type),
        () -> ItemFieldsEquivalence.jacksonOnly(map, type, options));
  }

  /** A rule scorer's package-private record, by its class name under the rules package. */
  private static Class<? extends Record> record(String name) throws ClassNotFoundException {
    return Class.forName("dev.arbiter.verifier.rules." + name).asSubclass(Record.class);
  }

  private static void run(Supplier<Record> bind, int binds) {
    for (int i = 0; i < binds; i++) {
      sink = bind.get();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
