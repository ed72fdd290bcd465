package dev.arbiter.verifier.code;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.verifier.code.extract.CodeExtractor;
import dev.arbiter.verifier.code.lang.Language;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.Boxes;
import dev.arbiter.verifier.code.sandbox.RunLimits;
import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.RunRequest;
import dev.arbiter.verifier.code.sandbox.Sandbox;
import dev.arbiter.verifier.code.sandbox.SandboxException;
import dev.arbiter.verifier.code.sandbox.Termination;
import dev.arbiter.verifier.code.spec.AssertSuite;
import dev.arbiter.verifier.code.spec.Comparison;
import dev.arbiter.verifier.code.spec.Harness;
import dev.arbiter.verifier.code.spec.Json;
import dev.arbiter.verifier.code.spec.TestCase;
import dev.arbiter.verifier.code.spec.TestSpec;
import dev.arbiter.verifier.code.spec.TestSpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code code} scorer: extracts the program from the response, compiles it once, runs each test
 * case as its own sandboxed process, and turns the outcomes into a reward. Items of a batch run
 * concurrently on a bounded pool; beyond its queue they come back {@code overloaded} (masked).
 */
public final class CodeScorer implements Scorer {

  public static final String ID = "code";
  public static final String VERSION = "code-sandbox/0.1.0";

  private static final Logger log = LoggerFactory.getLogger(CodeScorer.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SHOWN = 400;

  private final Sandbox sandbox;
  private final Languages languages;
  private final CodeDefaults defaults;
  private final ExecutorService items;
  private final ExecutorService runs;
  private final int batchSize;

  /**
   * @param items the pool items of a batch run on (bounded queue; rejection means overloaded)
   * @param batchSize how many items the serving layer hands over at once
   */
  public CodeScorer(
      Sandbox sandbox,
      Languages languages,
      CodeDefaults defaults,
      ExecutorService items,
      int batchSize) {
    this(sandbox, languages, defaults, items, null, batchSize);
  }

  /**
   * @param runs where an item's test cases run concurrently (not {@code items}: an item waits on
   *     its runs); null runs them one after another on the item's thread
   */
  public CodeScorer(
      Sandbox sandbox,
      Languages languages,
      CodeDefaults defaults,
      ExecutorService items,
      ExecutorService runs,
      int batchSize) {
    this.sandbox = sandbox;
    this.languages = languages;
    this.defaults = defaults;
    this.items = items;
    this.runs = runs;
    this.batchSize = batchSize;
  }

  @Override
  public ScorerDescriptor descriptor() {
    return new ScorerDescriptor(
            ID,
            VERSION,
            "Runs the response's program in a sandbox against stdin/stdout, assert or function-call"
                + " tests; reward = pass fraction (or all-or-nothing)",
            CodeSchemas.reference(),
            CodeSchemas.options())
        // the serving layer's limit: a compile, the item's run budget, and a run that began just
        // before that budget ended
        .withTimeLimit(
            defaults.compileTimeout().plus(defaults.itemBudget()).plus(defaults.maxRunTimeout()));
  }

  @Override
  public int preferredBatchSize() {
    return batchSize;
  }

  @Override
  public List<ScoreResult> scoreBatch(List<ScoreItem> batch) {
    List<Future<ScoreResult>> futures = new ArrayList<>(batch.size());
    for (ScoreItem item : batch) {
      long queued = System.nanoTime();
      try {
        futures.add(items.submit(() -> timed(score(item), queued)));
      } catch (RejectedExecutionException e) {
        futures.add(
            CompletableFuture.completedFuture(
                ScoreResult.failure(
                    item.id(), ScoreStatus.OVERLOADED, "code sandbox queue is full; retry later")));
      }
    }
    return awaitAll(futures);
  }

  /**
   * Waits for every future. An interrupt of the waiting thread (the serving layer gave up on the
   * batch) cancels them all, interrupting their workers so the sandbox kills their programs; the
   * interrupt stays set and the wait ends in a {@link CancellationException}.
   */
  static <T> List<T> awaitAll(List<Future<T>> futures) {
    List<T> results = new ArrayList<>(futures.size());
    try {
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new CancellationException("code scoring cancelled");
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Keeps each item's own latency (the serving layer would split the batch's time evenly). */
  private static ScoreResult timed(ScoreResult r, long startNanos) {
    return r.timed(VERSION, (System.nanoTime() - startNanos) / 1e6);
  }

  @Override
  public ScoreResult score(ScoreItem item) {
    CodeOptions options;
    try {
      options = CodeOptions.parse(item.options(), defaults);
    } catch (IllegalArgumentException e) {
      return ScoreResult.invalidRequest(item.id(), e.getMessage());
    }
    TestSpec spec;
    try {
      spec = TestSpecParser.parse(item.reference());
    } catch (IllegalArgumentException e) {
      return ScoreResult.invalidReference(item.id(), e.getMessage());
    }
    String languageName = options.language() != null ? options.language() : spec.language();
    if (languageName == null) {
      return ScoreResult.invalidReference(
          item.id(), "no language: set reference.language or options.language");
    }
    Language language = languages.find(languageName).orElse(null);
    if (language == null) {
      return ScoreResult.invalidReference(
          item.id(),
          "language '"
              + languageName
              + "' is unknown; known: "
              + languages.all().stream().map(Language::id).toList());
    }
    List<String> supported = Harness.supportedLanguages(spec.kind());
    if (supported != null && !supported.contains(language.id())) {
      return ScoreResult.invalidReference(
          item.id(),
          spec.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " tests support "
              + supported
              + ", not "
              + language.id());
    }
    if (sandbox.unavailableReason() != null) {
      return ScoreResult.failure(
          item.id(),
          ScoreStatus.SCORER_UNAVAILABLE,
          "sandbox unavailable: " + sandbox.unavailableReason());
    }
    if (!language.available()) {
      return ScoreResult.failure(
          item.id(),
          ScoreStatus.SCORER_UNAVAILABLE,
          "language '" + language.id() + "' cannot run on this host: " + language.unavailable());
    }
    AssertSuite suite = null;
    if (spec.kind() == TestSpec.Kind.ASSERT) {
      try {
        suite = AssertSuite.prepare(language.id(), spec, HexFormat.of().formatHex(nonce()));
      } catch (IllegalArgumentException e) {
        return ScoreResult.invalidReference(item.id(), e.getMessage());
      }
      String unverifiable = suite.unverifiable(language.version());
      if (unverifiable != null) {
        return ScoreResult.invalidReference(item.id(), unverifiable);
      }
    }
    List<String> tags = new ArrayList<>(language.aliases());
    tags.add(language.id());
    String code = CodeExtractor.extract(item.response(), tags, options.pick());
    if (code == null) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("reason", "no " + language.id() + " code found in the response");
      d.put("verdict", "no_code");
      return ScoreResult.ok(item.id(), options.noCodeReward(), Map.of("pass_rate", 0.0), d);
    }
    Path box = null;
    try {
      box = sandbox.newBox();
      return new Run(item, options, spec, suite, language, code, box).execute();
    } catch (SandboxException | IOException e) {
      log.warn("sandbox failure on item {}: {}", item.id(), e.getMessage());
      return ScoreResult.failure(
          item.id(), ScoreStatus.ERROR, "sandbox failure: " + e.getMessage());
    } finally {
      Boxes.delete(box);
    }
  }

  /** One item's compile and test runs. */
  private final class Run {
    private final ScoreItem item;
    private final CodeOptions options;
    private final TestSpec spec;
    private final AssertSuite suite;
    private final Language language;
    private final String solution;
    private final Path box;
    private final String sentinel = "__arbiter_done_" + HexFormat.of().formatHex(nonce());

    Run(
        ScoreItem item,
        CodeOptions options,
        TestSpec spec,
        AssertSuite suite,
        Language language,
        String code,
        Path box) {
      this.item = item;
      this.options = options;
      this.spec = spec;
      this.suite = suite;
      this.language = language;
      this.solution = code;
      this.box = box;
    }

    ScoreResult execute() throws IOException {
      long deadline = System.nanoTime() + defaults.itemBudget().toNanos();
      String program =
          suite != null
              ? suite.program(solution)
              : Harness.program(language.id(), solution, spec, sentinel);
      Path source = box.resolve(language.sourceFile(program));
      Files.writeString(source, program, StandardCharsets.UTF_8);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("language", language.id());
      details.put("format", spec.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (suite != null) {
        for (Map.Entry<String, String> f : suite.extraFiles(solution).entrySet()) {
          Files.writeString(box.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        details.put("value_checked", suite.valueTests());
      }
      if (language.compiled()) {
        RunOutcome compile = compile(program);
        details.put("compile_ms", round(compile.wallMs()));
        if (suite != null && suite.removeSourceAfterCompile()) {
          Files.deleteIfExists(source);
        }
        if (!compile.succeeded()) {
          if (compile.termination() == Termination.WALL_TIMEOUT) {
            details.put(ScoreResult.LOAD_DEPENDENT, true);
          }
          details.put("verdict", "compile_error");
          details.put(
              "reason",
              compile.termination() == Termination.EXITED
                  ? "compile error"
                  : "compile did not finish: " + compile.termination().name().toLowerCase());
          details.put("compile_stderr", tail(compile.stderrText()));
          return ScoreResult.ok(
              item.id(), options.compileErrorReward(), Map.of("pass_rate", 0.0), details);
        }
      }
      List<TestCase> cases = spec.cases();
      List<Map<String, Object>> tests =
          runs != null && options.reward() != RewardMode.FAIL_FAST && cases.size() > 1
              ? runConcurrently(program, cases, deadline)
              : runInOrder(program, cases, deadline);
      int passed =
          (int)
              tests.stream()
                  .filter(t -> TestOutcome.PASSED.wire().equals(t.get("outcome")))
                  .count();
      boolean budgetSpent = false;
      boolean timedOut = false;
      for (Map<String, Object> t : tests) {
        budgetSpent |= t.remove("budget") != null;
        timedOut |= TestOutcome.TIMEOUT.wire().equals(t.get("outcome"));
      }
      if (budgetSpent || timedOut) {
        // a test decided by the clock may go the other way on a less loaded host
        details.put(ScoreResult.LOAD_DEPENDENT, true);
      }
      double fraction = (double) passed / cases.size();
      double reward =
          options.reward() == RewardMode.FRACTION ? fraction : (passed == cases.size() ? 1.0 : 0.0);
      details.put("passed", passed);
      details.put("total", cases.size());
      details.put("verdict", passed == cases.size() ? "accepted" : "failed");
      details.put("tests", tests);
      if (budgetSpent) {
        details.put("reason", "item time budget of " + defaults.itemBudget() + " spent");
        return new ScoreResult(
            item.id(),
            reward,
            ScoreStatus.TIMEOUT,
            false,
            Map.of("pass_rate", fraction),
            details,
            null,
            0);
      }
      details.put("reason", passed + " of " + cases.size() + " tests passed");
      return ScoreResult.ok(item.id(), reward, Map.of("pass_rate", fraction), details);
    }

    /** One case after another; under {@code fail_fast} the rest are skipped after a failure. */
    private List<Map<String, Object>> runInOrder(
        String program, List<TestCase> cases, long deadline) {
      List<Map<String, Object>> tests = new ArrayList<>();
      boolean stop = false;
      for (int i = 0; i < cases.size(); i++) {
        Map<String, Object> t = runOne(program, cases.get(i), i, deadline, stop);
        stop |=
            options.reward() == RewardMode.FAIL_FAST
                && !TestOutcome.PASSED.wire().equals(t.get("outcome"));
        tests.add(t);
      }
      return tests;
    }

    /** All cases at once on the run pool; the sandbox's slots bound how many really run. */
    private List<Map<String, Object>> runConcurrently(
        String program, List<TestCase> cases, long deadline) {
      List<Future<Map<String, Object>>> futures = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        int index = i;
        futures.add(runs.submit(() -> runOne(program, cases.get(index), index, deadline, false)));
      }
      return awaitAll(futures);
    }

    private Map<String, Object> runOne(
        String program, TestCase c, int index, long deadline, boolean skip) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("test", index);
      if (skip || System.nanoTime() > deadline) {
        t.put("outcome", TestOutcome.NOT_RUN.wire());
        if (!skip) {
          t.put("budget", true);
        }
        return t;
      }
      String refusal = suite != null ? suite.refusal(index, solution) : null;
      if (refusal != null) {
        t.put("outcome", TestOutcome.WRONG_ANSWER.wire());
        t.put("reason", refusal);
        t.put("input", c.label());
        return t;
      }
      String nonce = HexFormat.of().formatHex(nonce());
      RunOutcome o = runCase(program, c, index, nonce);
      TestOutcome outcome = judge(o, c, index, nonce, t);
      t.put("outcome", outcome.wire());
      t.put("time_ms", round(o.wallMs()));
      if (outcome != TestOutcome.PASSED) {
        t.put("input", c.label());
        if (o.stderr().length > 0) {
          t.put("stderr", tail(o.stderrText()));
        }
      }
      if (spec.kind() == TestSpec.Kind.RUN) {
        t.put("stdout", head(o.stdoutText()));
        t.put("stderr", tail(o.stderrText()));
        t.put("exit_code", o.exitCode());
      }
      return t;
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

    private TestOutcome judge(
        RunOutcome o, TestCase c, int index, String nonce, Map<String, Object> t) {
      switch (o.termination()) {
        case WALL_TIMEOUT, CPU_TIMEOUT -> {
          return TestOutcome.TIMEOUT;
        }
        case MEMORY -> {
          return TestOutcome.MEMORY_LIMIT;
        }
        case OUTPUT_LIMIT -> {
          return TestOutcome.OUTPUT_LIMIT;
        }
        default -> {}
      }
      if (o.exitCode() != 0) {
        if (looksLikeMemoryFailure(o.stderrText())) {
          return TestOutcome.MEMORY_LIMIT;
        }
        if (spec.kind() == TestSpec.Kind.ASSERT && o.stderrText().contains("AssertionError")) {
          return TestOutcome.WRONG_ANSWER;
        }
        t.put("exit_code", o.exitCode());
        return TestOutcome.RUNTIME_ERROR;
      }
      String out = o.stdoutText();
      return switch (spec.kind()) {
        case RUN -> TestOutcome.PASSED;
        case STDIO -> {
          Comparison cmp = comparison();
          if (cmp.matches(c.expectedStdout(), out, tolerance())) {
            yield TestOutcome.PASSED;
          }
          t.put("expected", head(c.expectedStdout()));
          t.put("actual", head(out));
          yield TestOutcome.WRONG_ANSWER;
        }
        case ASSERT -> {
          AssertSuite.Verdict v = suite.judge(index, out, nonce);
          if (v.outcome() == AssertSuite.Outcome.PASSED) {
            yield TestOutcome.PASSED;
          }
          t.put("reason", v.reason());
          if (v.expected() != null) {
            t.put("expected", head(v.expected()));
          }
          if (v.actual() != null) {
            t.put("actual", head(v.actual()));
          }
          yield v.outcome() == AssertSuite.Outcome.RAISED
              ? TestOutcome.RUNTIME_ERROR
              : TestOutcome.WRONG_ANSWER;
        }
        case FUNCTION -> {
          String json = Harness.returnedJson(out, sentinel);
          if (json == null) {
            t.put("reason", "exited before the function returned");
            yield TestOutcome.WRONG_ANSWER;
          }
          Object actual;
          try {
            actual = Json.read(json);
          } catch (IllegalArgumentException e) {
            t.put("reason", "result is not JSON-serializable");
            yield TestOutcome.WRONG_ANSWER;
          }
          if (Json.same(c.expectedValue(), actual, tolerance())) {
            yield TestOutcome.PASSED;
          }
          t.put("expected", head(Json.write(c.expectedValue())));
          t.put("actual", head(json));
          yield TestOutcome.WRONG_ANSWER;
        }
      };
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

  static boolean looksLikeMemoryFailure(String stderr) {
    return stderr.contains("MemoryError")
        || stderr.contains("std::bad_alloc")
        || stderr.contains("java.lang.OutOfMemoryError")
        || stderr.contains("JavaScript heap out of memory")
        || stderr.contains("memory allocation of")
        || stderr.contains("Cannot allocate memory")
        || stderr.contains("fatal error: runtime: out of memory");
  }

  private static byte[] nonce() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return b;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  private static String head(String s) {
    return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "…";
  }

  private static String tail(String s) {
    return s.length() <= SHOWN ? s : "…" + s.substring(s.length() - SHOWN);
  }
}
