package dev.arbiter.verifier.code;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.verifier.code.lang.Language;
import dev.arbiter.verifier.code.sandbox.RunLimits;
import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.RunRequest;
import dev.arbiter.verifier.code.sandbox.Sandbox;
import dev.arbiter.verifier.code.spec.AssertSuite;
import dev.arbiter.verifier.code.spec.Comparison;
import dev.arbiter.verifier.code.spec.Harness;
import dev.arbiter.verifier.code.spec.TestCase;
import dev.arbiter.verifier.code.spec.TestSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs one item in the sandbox: writes the program into its box, compiles it once, runs each test
 * case as its own process (one after another, or concurrently on the run pool; stopping after a
 * failure under {@code fail_fast}; no new run once the item's budget is spent) and hands what the
 * runs came to to {@link TestJudge} and {@link ItemVerdict}.
 */
final class SandboxedItemRun {

  private final Sandbox sandbox;
  private final CodeDefaults defaults;
  private final ExecutorService runs;
  private final String itemId;
  private final CodeOptions options;
  private final TestSpec spec;
  private final AssertSuite suite;
  private final Language language;
  private final String solution;
  private final Path box;
  private final TestJudge judge;

  /**
   * @param runs where test cases run concurrently; null runs them in order on this thread
   * @param suite the prepared assert suite (assert tests), else null
   */
  SandboxedItemRun(
      Sandbox sandbox,
      CodeDefaults defaults,
      ExecutorService runs,
      String itemId,
      CodeOptions options,
      TestSpec spec,
      AssertSuite suite,
      Language language,
      String solution,
      Path box) {
    this.sandbox = sandbox;
    this.defaults = defaults;
    this.runs = runs;
    this.itemId = itemId;
    this.options = options;
    this.spec = spec;
    this.suite = suite;
    this.language = language;
    this.solution = solution;
    this.box = box;
    this.judge =
        new TestJudge(
            spec, suite, comparison(), tolerance(), "__arbiter_done_" + CodeScorer.nonceHex());
  }

  ScoreResult execute() throws IOException {
    long deadline = System.nanoTime() + defaults.itemBudget().toNanos();
    String program =
        suite != null
            ? suite.program(solution)
            : Harness.program(language.id(), solution, spec, judge.sentinel());
    Path source = box.resolve(language.sourceFile(program));
    Files.writeString(source, program, StandardCharsets.UTF_8);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("language", language.id());
    header.put("format", spec.kind().name().toLowerCase(Locale.ROOT));
    if (suite != null) {
      for (Map.Entry<String, String> f : suite.extraFiles(solution).entrySet()) {
        Files.writeString(box.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
      header.put("value_checked", suite.valueTests());
    }
    if (language.compiled()) {
      RunOutcome compile = compile(program);
      header.put("compile_ms", TestJudge.round(compile.wallMs()));
      if (suite != null && suite.removeSourceAfterCompile()) {
        Files.deleteIfExists(source);
      }
      if (!compile.succeeded()) {
        return ItemVerdict.compileError(itemId, header, compile, options.compileErrorReward());
      }
    }
    List<TestCase> cases = spec.cases();
    List<TestReport> tests =
        runs != null && options.reward() != RewardMode.FAIL_FAST && cases.size() > 1
            ? runConcurrently(program, cases, deadline)
            : runInOrder(program, cases, deadline);
    return ItemVerdict.tests(itemId, header, options.reward(), tests, defaults.itemBudget());
  }

  /** One case after another; under {@code fail_fast} the rest are skipped after a failure. */
  private List<TestReport> runInOrder(String program, List<TestCase> cases, long deadline) {
    List<TestReport> tests = new ArrayList<>();
    boolean stop = false;
    for (int i = 0; i < cases.size(); i++) {
      TestReport t =
          stop ? TestReport.notRun(i, false) : runOne(program, cases.get(i), i, deadline);
      stop |= options.reward() == RewardMode.FAIL_FAST && !t.passed();
      tests.add(t);
    }
    return tests;
  }

  /** All cases at once on the run pool; the sandbox's slots bound how many really run. */
  private List<TestReport> runConcurrently(String program, List<TestCase> cases, long deadline) {
    List<Future<TestReport>> futures = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      int index = i;
      futures.add(runs.submit(() -> runOne(program, cases.get(index), index, deadline)));
    }
    return CodeScorer.awaitAll(futures);
  }

  private TestReport runOne(String program, TestCase c, int index, long deadline) {
    if (System.nanoTime() > deadline) {
      return TestReport.notRun(index, true);
    }
    String refusal = suite != null ? suite.refusal(index, solution) : null;
    if (refusal != null) {
      return judge.refused(index, c, refusal);
    }
    String nonce = CodeScorer.nonceHex();
    return judge.judge(index, c, runCase(program, c, index, nonce), nonce);
  }

  private RunOutcome compile(String program) {
    RunLimits limits =
        new RunLimits(
            defaults.compileTimeout(),
            (int) Math.max(1, defaults.compileTimeout().toSeconds()),
            defaults.compileMemoryBytes(),
            false,
            64L << 20,
            256L << 20,
            256,
            1024);
    return sandbox.run(
        new RunRequest(
            Language.fill(language.compile(), defaults.compileMemoryBytes(), program),
            box,
            true,
            null,
            language.env(),
            language.extraBinds(),
            limits));
  }

  private RunOutcome runCase(String program, TestCase c, int index, String nonce) {
    long wallMs = options.runTimeout().toMillis();
    RunLimits limits =
        new RunLimits(
                options.runTimeout(),
                (int) Math.ceil(wallMs / 1000.0),
                options.memoryBytes(),
                language.limitAddressSpace(),
                defaults.outputBytes(),
                defaults.tmpfsBytes(),
                defaults.processes(),
                defaults.openFiles())
            .withMinProcesses(language.minProcesses());
    List<String> command =
        suite != null ? suite.command(language.run(), language.version()) : language.run();
    String stdin = suite != null ? suite.stdin(index, nonce) : c.stdin();
    return sandbox.run(
        new RunRequest(
            Language.fill(command, options.memoryBytes(), program),
            box,
            false,
            stdin.getBytes(StandardCharsets.UTF_8),
            language.env(),
            language.extraBinds(),
            limits));
  }

  private Comparison comparison() {
    if (options.comparison() != null) {
      return options.comparison();
    }
    if (spec.comparison() != null) {
      return spec.comparison();
    }
    return Comparison.parse(defaults.comparison());
  }

  private double tolerance() {
    if (options.floatTolerance() != null) {
      return options.floatTolerance();
    }
    if (spec.tolerance() != null) {
      return spec.tolerance();
    }
    return defaults.floatTolerance();
  }
}
