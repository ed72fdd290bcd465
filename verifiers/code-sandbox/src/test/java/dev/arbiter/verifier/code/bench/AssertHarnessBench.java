package dev.arbiter.verifier.code.bench;

import dev.arbiter.verifier.code.lang.Language;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.Boxes;
import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import dev.arbiter.verifier.code.sandbox.RunLimits;
import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.RunRequest;
import dev.arbiter.verifier.code.spec.AssertSuite;
import dev.arbiter.verifier.code.spec.TestSpec;
import dev.arbiter.verifier.code.spec.TestSpecParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Per-run and per-item cost of the unforgeable assert harness against the pre-issue-12 harness
 * ({@link LegacyAssertHarness}), measured in one run with old and new runs interleaved so both see
 * the same load (not a test).
 *
 * <pre>
 * scripts/bench verifiers/code-sandbox --main dev.arbiter.verifier.code.bench.AssertHarnessBench [runs] [language]
 * </pre>
 *
 * <p>For each language, a three-assert {@code add} problem: the old program (solution + dispatcher
 * + sentinel) and the new one (value probes; and in-process tests where the language has them) run
 * {@code runs} times each through the full bubblewrap sandbox; C++ also compiles both a few times.
 * Reports p50/p90 wall time per run, CPU per run (the run's whole process tree), the p50
 * difference, and the Java side (parsing the asserts, reading the records) per item.
 */
public final class AssertHarnessBench {

  private record Case(String language, String solution, List<String> asserts, String setup) {}

  private static final List<Case> CASES =
      List.of(
          new Case(
              "python",
              "def add(a, b):\n    return a + b\n",
              List.of("assert add(2, 3) == 5", "assert add(-1, 4) == 3", "assert add(10, 5) == 15"),
              ""),
          new Case(
              "python",
              "def add(a, b):\n    return a + b\n",
              List.of(
                  "for a, b, c in [(2, 3, 5)]:\n    assert add(a, b) == c",
                  "for a, b, c in [(-1, 4, 3)]:\n    assert add(a, b) == c",
                  "for a, b, c in [(10, 5, 15)]:\n    assert add(a, b) == c"),
              ""),
          new Case(
              "javascript",
              "function add(a, b) { return a + b; }\n",
              List.of(
                  "assert.strictEqual(add(2, 3), 5);",
                  "assert.strictEqual(add(-1, 4), 3);",
                  "assert.strictEqual(add(10, 5), 15);"),
              "const assert = require('assert');"),
          new Case(
              "javascript",
              "function add(a, b) { return a + b; }\n",
              List.of(
                  "for (const c of [[2, 3, 5]]) assert.strictEqual(add(c[0], c[1]), c[2]);",
                  "for (const c of [[-1, 4, 3]]) assert.strictEqual(add(c[0], c[1]), c[2]);",
                  "for (const c of [[10, 5, 15]]) assert.strictEqual(add(c[0], c[1]), c[2]);"),
              "const assert = require('assert');"),
          new Case(
              "cpp",
              "int add(int a, int b) { return a + b; }\n",
              List.of(
                  "assert(add(2, 3) == 5);",
                  "assert(add(-1, 4) == 3);",
                  "assert(add(10, 5) == 15);"),
              ""),
          new Case(
              "bash",
              "add() { echo $(( $1 + $2 )); }\n",
              List.of(
                  "[ \"$(add 2 3)\" = \"5\" ]",
                  "[ \"$(add -1 4)\" = \"3\" ]",
                  "[ \"$(add 10 5)\" -eq 15 ]"),
              ""));

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "arbiter-assert-bench");
    Files.createDirectories(scratch);
    BubblewrapSandbox sandbox =
        BenchSandboxes.bubblewrap(scratch.resolve("sb"), 61320, 2, true, true);
    Languages languages =
        Languages.detect(
            sandbox, List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")));
    System.out.println("sandbox: " + sandbox.describe());
    System.out.println("cpus: " + Runtime.getRuntime().availableProcessors() + ", runs: " + runs);
    javaSide(runs * 50);
    String only = args.length > 1 ? args[1] : null;
    for (Case c : CASES) {
      if (only != null && !only.equals(c.language())) {
        continue;
      }
      Language lang = languages.find(c.language()).orElseThrow();
      if (!lang.available()) {
        System.out.println(c.language() + ": unavailable (" + lang.unavailable() + ")");
        continue;
      }
      compare(sandbox, lang, c, runs);
    }
    sandbox.close();
    Boxes.delete(scratch);
    System.exit(0);
  }

  /** Parsing the asserts and reading the records: the Java work the new harness adds per item. */
  private static void javaSide(int n) {
    Map<String, Object> ref =
        Map.of(
            "assert",
            "def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 4) == 3\n"
                + "    assert abs(candidate(0.5, 0.25) - 0.75) < 1e-9\n",
            "entry_point",
            "add");
    String out =
        "\n__arbiter_rec_ab 00 0 h5;\n__arbiter_rec_ab 00 1 h3;\n__arbiter_rec_ab 00 2 d0.75;\n";
    long sink = 0;
    for (int round = 0; round < 2; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        AssertSuite s = AssertSuite.prepare("python", TestSpecParser.parse(ref), "ab");
        sink += s.stdin(0, "00").length();
        sink += s.judge(0, out, "00").outcome().ordinal();
      }
      if (round == 1) {
        System.out.printf(
            "java side (parse + stdin + judge, HumanEval item, 3 checks): %.1f us/item (%d)%n",
            (System.nanoTime() - start) / 1e3 / n, sink % 7);
      }
    }
  }

  private static void compare(BubblewrapSandbox sandbox, Language lang, Case c, int runs)
      throws Exception {
    Map<String, Object> ref =
        Map.of("language", c.language(), "assert", c.asserts(), "setup", c.setup());
    TestSpec spec = TestSpecParser.parse(ref);
    AssertSuite suite = AssertSuite.prepare(c.language(), spec, "0123456789abcdef");
    String mode = suite.valueTests() == c.asserts().size() ? "value probes" : "in-process";
    Path oldBox = sandbox.newBox();
    Path newBox = sandbox.newBox();
    String oldProgram =
        LegacyAssertHarness.program(c.language(), c.solution(), c.asserts(), c.setup());
    String newProgram = suite.program(c.solution());
    Files.writeString(oldBox.resolve(lang.sourceFile(oldProgram)), oldProgram);
    Files.writeString(newBox.resolve(lang.sourceFile(newProgram)), newProgram);
    for (Map.Entry<String, String> f : suite.extraFiles(c.solution()).entrySet()) {
      Files.writeString(newBox.resolve(f.getKey()), f.getValue());
    }
    String label = c.language() + " (" + mode + ")";
    if (lang.compiled()) {
      int reps = Math.max(3, runs / 20);
      double[] oldMs = new double[reps];
      double[] newMs = new double[reps];
      for (int i = 0; i < reps; i++) {
        oldMs[i] = compile(sandbox, lang, oldBox, oldProgram);
        newMs[i] = compile(sandbox, lang, newBox, newProgram);
      }
      report(label + " compile", oldMs, newMs, null);
    }
    RunLimits limits =
        new RunLimits(
                Duration.ofSeconds(10),
                10,
                512L << 20,
                lang.limitAddressSpace(),
                1 << 20,
                16L << 20,
                64,
                64)
            .withMinProcesses(lang.minProcesses());
    double[] oldMs = new double[runs];
    double[] newMs = new double[runs];
    long[] cpu = new long[2];
    for (int i = -5; i < runs; i++) {
      int k = Math.floorMod(i, c.asserts().size());
      String nonce = "00112233445566778899aabb";
      RunRequest oldRun = request(lang, lang.run(), oldBox, k + "\n", limits, oldProgram);
      RunRequest newRun =
          request(
              lang,
              suite.command(lang.run(), lang.version()),
              newBox,
              suite.stdin(k, nonce),
              limits,
              newProgram);
      long t0 = cpuTicks(sandbox);
      RunOutcome o = sandbox.run(oldRun);
      long t1 = cpuTicks(sandbox);
      RunOutcome n = sandbox.run(newRun);
      long t2 = cpuTicks(sandbox);
      if (!o.succeeded() || !o.stdoutText().contains("__arbiter_done_")) {
        throw new IllegalStateException("old harness failed: " + o.stderrText());
      }
      if (!n.succeeded()
          || suite.judge(k, n.stdoutText(), nonce).outcome() != AssertSuite.Outcome.PASSED) {
        throw new IllegalStateException("new harness failed: " + n.stdoutText() + n.stderrText());
      }
      if (i >= 0) {
        oldMs[i] = o.wallMs();
        newMs[i] = n.wallMs();
        cpu[0] += t1 - t0;
        cpu[1] += t2 - t1;
      }
    }
    report(label + " run", oldMs, newMs, new double[] {cpu[0] * 10.0 / runs, cpu[1] * 10.0 / runs});
    Boxes.delete(oldBox);
    Boxes.delete(newBox);
  }

  private static RunRequest request(
      Language lang,
      List<String> command,
      Path box,
      String stdin,
      RunLimits limits,
      String program) {
    return new RunRequest(
        Language.fill(command, limits.memoryBytes(), program),
        box,
        false,
        stdin.getBytes(StandardCharsets.UTF_8),
        lang.env(),
        lang.extraBinds(),
        limits);
  }

  private static double compile(
      BubblewrapSandbox sandbox, Language lang, Path box, String program) {
    RunLimits limits =
        new RunLimits(
            Duration.ofSeconds(60), 60, 1L << 30, false, 64L << 20, 256L << 20, 256, 1024);
    RunOutcome o =
        sandbox.run(
            new RunRequest(
                Language.fill(lang.compile(), 1L << 30, program),
                box,
                true,
                null,
                lang.env(),
                lang.extraBinds(),
                limits));
    if (!o.succeeded()) {
      throw new IllegalStateException("compile failed: " + o.stderrText());
    }
    return o.wallMs();
  }

  private static long cpuTicks(BubblewrapSandbox sandbox) throws java.io.IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[13]) + Long.parseLong(f[14]) + sandbox.spawnedCpuTicks();
  }

  private static void report(String name, double[] oldMs, double[] newMs, double[] cpuMs) {
    System.out.printf(
        "%-36s old p50 %.1f ms p90 %.1f ms | new p50 %.1f ms p90 %.1f ms | p50 diff %+.1f ms,"
            + " ratio %.2f%s%n",
        name,
        percentile(oldMs, 50),
        percentile(oldMs, 90),
        percentile(newMs, 50),
        percentile(newMs, 90),
        percentile(newMs, 50) - percentile(oldMs, 50),
        percentile(newMs, 50) / percentile(oldMs, 50),
        cpuMs == null
            ? ""
            : String.format(" | CPU/run old %.1f ms new %.1f ms", cpuMs[0], cpuMs[1]));
  }

  private static double percentile(double[] xs, int p) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }
}
