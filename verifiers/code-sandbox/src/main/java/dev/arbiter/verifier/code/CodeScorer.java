package dev.arbiter.verifier.code;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.verifier.code.extract.CodeExtractor;
import dev.arbiter.verifier.code.lang.Language;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.Boxes;
import dev.arbiter.verifier.code.sandbox.Sandbox;
import dev.arbiter.verifier.code.sandbox.SandboxException;
import dev.arbiter.verifier.code.spec.AssertSuite;
import dev.arbiter.verifier.code.spec.Harness;
import dev.arbiter.verifier.code.spec.TestSpec;
import dev.arbiter.verifier.code.spec.TestSpecParser;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code code} scorer: checks the item (options, reference, language, sandbox), extracts the
 * program from the response and hands it to a {@link SandboxedItemRun}, which compiles it once,
 * runs each test case as its own sandboxed process, and has {@link TestJudge} and {@link
 * ItemVerdict} turn the outcomes into a reward. Items of a batch run concurrently on a bounded
 * pool; beyond its queue they come back {@code overloaded} (masked).
 */
public final class CodeScorer implements Scorer {

  public static final String ID = "code";
  public static final String VERSION = "code-sandbox/0.1.0";

  private static final Logger log = LoggerFactory.getLogger(CodeScorer.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Sandbox sandbox;
  private final Languages languages;
  private final CodeDefaults defaults;
  private final ExecutorService items;
  private final ExecutorService runs;
  private final int batchSize;
  private final ScorerDescriptor descriptor;

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
    this.descriptor = describe(defaults);
  }

  @Override
  public ScorerDescriptor descriptor() {
    return descriptor;
  }

  private static ScorerDescriptor describe(CodeDefaults defaults) {
    return new ScorerDescriptor(
            ID,
            VERSION,
            "Runs the response's program in a sandbox against stdin/stdout, assert or function-call"
                + " tests; reward = pass fraction (or all-or-nothing)",
            TestSpecParser.schema(),
            CodeOptions.schema(defaults))
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
    TestSpec spec;
    try {
      options = CodeOptions.parse(item.options(), defaults);
      spec = TestSpecParser.parse(item.reference());
    } catch (InvalidItemException e) {
      return e.toResult(item.id());
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
        suite = AssertSuite.prepare(language.id(), spec, nonceHex());
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
      return ItemVerdict.noCode(item.id(), language.id(), options.noCodeReward());
    }
    Path box = null;
    try {
      box = sandbox.newBox();
      return new SandboxedItemRun(
              sandbox, defaults, runs, item.id(), options, spec, suite, language, code, box)
          .execute();
    } catch (SandboxException | IOException e) {
      log.warn("sandbox failure on item {}: {}", item.id(), e.getMessage());
      return ScoreResult.failure(
          item.id(), ScoreStatus.ERROR, "sandbox failure: " + e.getMessage());
    } finally {
      Boxes.delete(box);
    }
  }

  /** A fresh random hex token (assert nonces, function-call sentinels). */
  static String nonceHex() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
