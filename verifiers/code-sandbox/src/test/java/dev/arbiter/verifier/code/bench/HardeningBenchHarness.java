package dev.arbiter.verifier.code.bench;

import dev.arbiter.verifier.code.sandbox.Boxes;
import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import dev.arbiter.verifier.code.sandbox.RunLimits;
import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.RunRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the seccomp filter costs per run (not a test): a trivial Python program run {@code runs}
 * times in the full sandbox with and without the filter, and bare, arms interleaved run by run so
 * that all see the same load.
 *
 * <pre>
 * scripts/bench verifiers/code-sandbox --main dev.arbiter.verifier.code.bench.HardeningBenchHarness [runs]
 * </pre>
 */
public final class HardeningBenchHarness {

  private static final String PROGRAM = BenchSandboxes.ADD_PROGRAM;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 150;
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path scratch =
        Files.createDirectories(tmp.resolve("arbiter-hardening-bench-" + UUID.randomUUID()));
    BubblewrapSandbox filtered =
        BenchSandboxes.bubblewrap(scratch.resolve("on"), 61700, 1, true, true);
    BubblewrapSandbox unfiltered =
        BenchSandboxes.bubblewrap(scratch.resolve("off"), 61710, 1, true, false);
    System.out.println("filtered:   " + filtered.describe());
    System.out.println("unfiltered: " + unfiltered.describe());
    Path box = filtered.newBox();
    Files.writeString(box.resolve("main.py"), PROGRAM);
    Path bare = BenchSandboxes.bareAdd(scratch.resolve("bare"));
    RunLimits limits =
        new RunLimits(Duration.ofSeconds(10), 5, 256L << 20, true, 1 << 20, 16L << 20, 32, 64);
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    for (int i = 0; i < runs + 10; i++) {
      boolean warm = i >= 10;
      double a = run(filtered, box, limits);
      double b = run(unfiltered, box, limits);
      double c = BenchSandboxes.bareRun(bare);
      if (warm) {
        on.add(a);
        off.add(b);
        plain.add(c);
      }
    }
    System.out.printf(
        "runs %d, load %s%n", runs, Files.readString(Path.of("/proc/loadavg")).strip());
    report("bare python3 spawn", plain);
    report("sandbox, no seccomp", off);
    report("sandbox, seccomp filter", on);
    System.out.printf(
        "p50 filtered / unfiltered = %.3f (%.2f ms)%n",
        p(on, 50) / p(off, 50), p(on, 50) - p(off, 50));
    Boxes.delete(box);
    filtered.close();
    unfiltered.close();
    Boxes.delete(scratch);
    System.exit(0);
  }

  private static double run(BubblewrapSandbox sandbox, Path box, RunLimits limits) {
    long t = System.nanoTime();
    RunOutcome o =
        sandbox.run(
            new RunRequest(
                List.of("/usr/bin/python3", "-I", "-B", "/box/main.py"),
                box,
                false,
                BenchSandboxes.ADD_STDIN.getBytes(StandardCharsets.UTF_8),
                Map.of(),
                null,
                limits));
    if (!o.stdoutText().equals("3\n")) {
      throw new IllegalStateException("wrong output: " + o.stdoutText() + o.stderrText());
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static void report(String arm, List<Double> ms) {
    System.out.printf("%-26s p50 %6.1f ms  p90 %6.1f ms%n", arm, p(ms, 50), p(ms, 90));
  }

  private static double p(List<Double> values, int pct) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * pct / 100));
  }
}
