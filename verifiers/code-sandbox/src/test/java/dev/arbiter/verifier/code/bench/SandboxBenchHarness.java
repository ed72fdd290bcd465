package dev.arbiter.verifier.code.bench;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.verifier.code.CodeSandboxApplication;
import dev.arbiter.verifier.code.sandbox.Boxes;
import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import dev.arbiter.verifier.code.sandbox.RunLimits;
import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.RunRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sandbox overhead and end-to-end latency (not a test).
 *
 * <pre>
 * scripts/bench verifiers/code-sandbox --main dev.arbiter.verifier.code.bench.SandboxBenchHarness [runs] [e2e-items] [gateway-url]
 * </pre>
 *
 * <p>Part 1: a trivial Python program run {@code runs} times bare ({@code python3 main.py}, same
 * stdin/stdout file redirection), under plain bwrap (reference) and in the full sandbox,
 * interleaved so all see the same machine load; reports runs/s, p50/p90 and the p50 overhead per
 * run. Part 2: a 10-case stdin/stdout problem scored end to end through the service's HTTP API
 * (and, given {@code gateway-url}, through a gateway routing {@code code} to a code-sandbox
 * service), against 10 bare spawns of the same program as the baseline.
 */
public final class SandboxBenchHarness {

  private static final String PROGRAM = BenchSandboxes.ADD_PROGRAM;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int e2e = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "arbiter-bench");
    Files.createDirectories(scratch);
    BubblewrapSandbox sandbox =
        BenchSandboxes.bubblewrap(scratch.resolve("sb"), 61300, 2, true, true);
    System.out.println("sandbox: " + sandbox.describe());
    System.out.println("cpus: " + Runtime.getRuntime().availableProcessors());
    BubblewrapSandbox noCgroup =
        BenchSandboxes.bubblewrap(scratch.resolve("sb-nocg"), 61310, 2, false, true);
    spawnOverhead(sandbox, noCgroup, scratch, runs);
    sandbox.close();
    noCgroup.close();
    endToEnd(scratch, e2e, args.length > 2 ? args[2] : null);
    Boxes.delete(scratch);
    System.exit(0);
  }

  private static void spawnOverhead(
      BubblewrapSandbox sandbox, BubblewrapSandbox noCgroup, Path scratch, int runs)
      throws Exception {
    Path box = sandbox.newBox();
    Files.writeString(box.resolve("main.py"), PROGRAM);
    Path bare = BenchSandboxes.bareAdd(scratch.resolve("bare"));
    RunLimits limits =
        new RunLimits(Duration.ofSeconds(10), 10, 256L << 20, true, 1 << 20, 16L << 20, 32, 64);
    RunRequest request =
        new RunRequest(
            List.of("/usr/bin/python3", "-I", "-B", "/box/main.py"),
            box,
            false,
            "1 2\n".getBytes(),
            Map.of(),
            List.of(),
            limits);
    for (int i = 0; i < 10; i++) {
      BenchSandboxes.bareRun(bare);
      sandboxRun(sandbox, request);
    }
    double[] bareMs = new double[runs];
    double[] plainMs = new double[runs];
    double[] boxMs = new double[runs];
    double[] noCgMs = new double[runs];
    long[] cpuTicks = new long[4];
    Path box2 = noCgroup.newBox();
    Files.writeString(box2.resolve("main.py"), PROGRAM);
    RunRequest request2 =
        new RunRequest(
            request.command(), box2, false, request.stdin(), Map.of(), List.of(), limits);
    for (int i = 0; i < runs; i++) {
      long t0 = childCpuTicks() + sandbox.spawnedCpuTicks();
      bareMs[i] = BenchSandboxes.bareRun(bare);
      long t1 = childCpuTicks() + sandbox.spawnedCpuTicks();
      plainMs[i] = plainBwrapRun(bare, box);
      long t2 = childCpuTicks() + sandbox.spawnedCpuTicks();
      boxMs[i] = sandboxRun(sandbox, request);
      long t3 = childCpuTicks() + sandbox.spawnedCpuTicks();
      noCgMs[i] = sandboxRun(noCgroup, request2);
      long t4 = childCpuTicks() + sandbox.spawnedCpuTicks();
      cpuTicks[3] += t4 - t3;
      cpuTicks[0] += t1 - t0;
      cpuTicks[1] += t2 - t1;
      cpuTicks[2] += t3 - t2;
    }
    report("bare python3 spawn", bareMs);
    report("plain bwrap (namespaces+mounts only, reference)", plainMs);
    report("bubblewrap sandbox (full)", boxMs);
    report("bubblewrap sandbox, cgroups off", noCgMs);
    // CPU time of the run's whole process tree (cutime+cstime of reaped children, 10 ms ticks
    // summed over all runs): unlike wall time it does not grow with other load on the machine.
    double[] cpuMs = new double[4];
    for (int k = 0; k < 4; k++) {
      cpuMs[k] = cpuTicks[k] * 10.0 / runs;
    }
    System.out.printf(
        "CPU per run (process tree): bare %.1f ms, plain bwrap %.1f ms, full sandbox %.1f ms,"
            + " cgroups off %.1f ms; sandbox CPU overhead %.1f ms/run%n",
        cpuMs[0], cpuMs[1], cpuMs[2], cpuMs[3], cpuMs[2] - cpuMs[0]);
    System.out.printf(
        "p50 overhead per run, cgroups off: %.1f ms%n",
        percentile(noCgMs, 50) - percentile(bareMs, 50));
    double overhead = percentile(boxMs, 50) - percentile(bareMs, 50);
    System.out.printf(
        "p50 overhead per run: %.1f ms; sandboxed/bare runs/s ratio: %.2f%n",
        overhead, sum(bareMs) / sum(boxMs));
    Boxes.delete(box);
    Boxes.delete(box2);
  }

  /** cutime + cstime of this JVM's reaped children, in clock ticks (USER_HZ = 100). */
  private static long childCpuTicks() throws java.io.IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }

  /**
   * The same namespaces and mounts without the launcher, uid drop, rlimits, cgroup or pid-1 shell
   * (the program itself is pid 1, so the outer bwrap reaps it and its CPU time is counted): what
   * bubblewrap itself costs here. Not a safe configuration: as root it maps to root.
   */
  private static double plainBwrapRun(Path dir, Path box) throws Exception {
    return BenchSandboxes.timedSpawn(
        dir,
        "plain bwrap run",
        "bwrap",
        "--unshare-user",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--die-with-parent",
        "--new-session",
        "--as-pid-1",
        "--ro-bind",
        "/usr",
        "/usr",
        "--symlink",
        "usr/bin",
        "/bin",
        "--symlink",
        "usr/lib",
        "/lib",
        "--symlink",
        "usr/lib64",
        "/lib64",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
        "--ro-bind",
        box.toString(),
        "/box",
        "--clearenv",
        "/usr/bin/python3",
        "-I",
        "-B",
        "/box/main.py");
  }

  private static double sandboxRun(BubblewrapSandbox sandbox, RunRequest request) {
    long start = System.nanoTime();
    RunOutcome o = sandbox.run(request);
    double ms = (System.nanoTime() - start) / 1e6;
    if (!o.succeeded() || !o.stdoutText().equals("3\n")) {
      throw new IllegalStateException("sandboxed run failed: " + o.stderrText());
    }
    return ms;
  }

  /**
   * @param gateway base URL of a gateway that routes {@code code} to a code-sandbox service, or
   *     null: then only this harness's own service is measured
   */
  private static void endToEnd(Path scratch, int items, String gateway) throws Exception {
    ConfigurableApplicationContext app =
        SpringApplication.run(
            CodeSandboxApplication.class,
            "--server.port=0",
            "--arbiter.code.host-uid-base=61400",
            "--arbiter.code.scratch-dir=" + scratch.resolve("svc"),
            "--logging.level.root=WARN");
    try {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      RewardClient client = RewardClient.create("http://localhost:" + port, Duration.ofSeconds(60));
      RewardClient viaGateway =
          gateway == null ? null : RewardClient.create(gateway, Duration.ofSeconds(60));
      List<Map<String, Object>> tests = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        tests.add(Map.of("stdin", i + " " + (i * 7) + "\n", "stdout", (i * 8) + "\n"));
      }
      // Each request differs (a comment in the program), so no result cache can answer it.
      java.util.function.IntFunction<ScoreRequest> request =
          n ->
              new ScoreRequest(
                  List.of(
                      new ScoreItem(
                          "e2e-" + n,
                          "code",
                          null,
                          "```python\n# run " + n + "\n" + PROGRAM + "```",
                          Map.of("language", "python", "tests", tests),
                          Map.of(),
                          null)),
                  null);
      Path bare = scratch.resolve("bare");
      for (int i = 0; i < 3; i++) {
        client.score(request.apply(-1 - i)).join();
        if (viaGateway != null) {
          viaGateway.score(request.apply(-100 - i)).join();
        }
      }
      double[] e2eMs = new double[items];
      double[] gatewayMs = new double[items];
      double[] bareMs = new double[items];
      for (int i = 0; i < items; i++) {
        e2eMs[i] = timedScore(client, request.apply(i));
        if (viaGateway != null) {
          gatewayMs[i] = timedScore(viaGateway, request.apply(items + i));
        }
        double b = 0;
        for (int k = 0; k < 10; k++) {
          b += BenchSandboxes.bareRun(bare);
        }
        bareMs[i] = b;
      }
      report("10-case item over HTTP (one request, sequential)", e2eMs);
      if (viaGateway != null) {
        report("10-case item through the gateway at " + gateway, gatewayMs);
        System.out.printf(
            "gateway/bare p50 ratio: %.2f%n", percentile(gatewayMs, 50) / percentile(bareMs, 50));
      }
      report("10 bare python3 spawns (baseline)", bareMs);
      System.out.printf(
          "e2e/bare p50 ratio: %.2f%n", percentile(e2eMs, 50) / percentile(bareMs, 50));
    } finally {
      app.close();
    }
  }

  private static double timedScore(RewardClient client, ScoreRequest request) {
    long start = System.nanoTime();
    ScoreResponse r = client.score(request).join();
    double ms = (System.nanoTime() - start) / 1e6;
    if (r.results().get(0).reward() == null || r.results().get(0).reward() != 1.0) {
      throw new IllegalStateException("e2e item not accepted: " + r.results().get(0));
    }
    return ms;
  }

  private static void report(String name, double[] ms) {
    System.out.printf(
        "%-50s n=%d  runs/s=%.1f  p50=%.1f ms  p90=%.1f ms%n",
        name, ms.length, ms.length / (sum(ms) / 1000), percentile(ms, 50), percentile(ms, 90));
  }

  private static double sum(double[] xs) {
    return Arrays.stream(xs).sum();
  }

  private static double percentile(double[] xs, int p) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }
}
