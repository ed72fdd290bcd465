package dev.arbiter.verifier.math;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.server.scoring.WorkerPools;
import dev.arbiter.verifier.math.equiv.WorkBudget;
import dev.arbiter.verifier.math.extract.InterruptibleCharSequence;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code math} scorer: 1 (or the floor) when the response's final answer is equivalent to
 * {@code reference.answer}. Each item runs on a worker thread of its own with a budget of CPU time
 * (the item's time budget); once the worker has used it, the work stops (every loop and big-number
 * step of the verifier checks its {@link WorkBudget}, and the waiting caller interrupts a worker
 * past its budget) and the item is a {@code timeout} verdict. A worker that the machine starves so
 * that it has not used its budget by the wall-clock ceiling (the budget times {@code
 * arbiter.math.wall-ceiling-factor}) is cancelled and the item is masked {@code overloaded}: load
 * never decides a verdict (see the module README, "Bounded work").
 */
public final class MathScorer implements Scorer, AutoCloseable {

  public static final String ID = "math";
  public static final String VERSION = "math-verifier/0.1.0";

  /** Numbers in gold answers are written out in full up to this many digits. */
  private static final int MAX_PLAIN_DIGITS = 1000;

  /** Shortest wait for the worker between two reads of its CPU time. */
  private static final long MIN_WAIT_NANOS = 1_000_000;

  private final MathVerifier verifier;
  private final MathVerifierProperties properties;
  private final WorkBudget.CpuClock cpuClock;
  private final ExecutorService workers;

  public MathScorer(MathVerifier verifier, MathVerifierProperties properties) {
    this(verifier, properties, WorkBudget.THREAD_CPU);
  }

  /** With the workers' CPU time read from {@code cpuClock} (tests starve a worker with it). */
  MathScorer(
      MathVerifier verifier, MathVerifierProperties properties, WorkBudget.CpuClock cpuClock) {
    this.verifier = verifier;
    this.properties = properties;
    this.cpuClock = cpuClock;
    this.workers =
        WorkerPools.direct(
            "math-verify", Math.max(64, 8 * Runtime.getRuntime().availableProcessors()));
  }

  @Override
  public ScorerDescriptor descriptor() {
    return new ScorerDescriptor(
            ID,
            VERSION,
            "Final-answer equivalence for math: extraction, LaTeX parsing, exact/numeric/symbolic"
                + " comparison",
            Map.of(
                "type", "object",
                "required", List.of("answer"),
                "properties", Map.of("answer", Map.of("type", "string"))),
            Map.of("type", "object", "properties", optionSchema()))
        // the serving layer's limit: the wall-clock ceiling of the largest budget an item may ask,
        // and a second to stop
        .withTimeLimit(
            Duration.ofMillis(wallCeilingMillis(properties.maxTimeBudget().toMillis()))
                .plusSeconds(1));
  }

  @Override
  public ScoreResult score(ScoreItem item) {
    Object answer = item.reference().get("answer");
    if (answer == null || answer instanceof Map || answer instanceof List) {
      return ScoreResult.invalidReference(
          item.id(), "reference.answer is required: the gold answer as a string");
    }
    if (item.response() == null) {
      return ScoreResult.invalidRequest(item.id(), "response is required");
    }
    if (item.response().length() > properties.maxResponseChars()) {
      return ScoreResult.invalidRequest(
          item.id(), "response longer than " + properties.maxResponseChars() + " characters");
    }
    String gold = answer instanceof Number n ? numberText(n) : String.valueOf(answer);
    if (gold == null) {
      return ScoreResult.invalidReference(
          item.id(),
          "reference.answer is a number out of double range (" + answer + "): send it as a string");
    }
    MathOptions options;
    try {
      options =
          MathOptions.from(
              item.options(),
              gold,
              properties.timeBudget().toMillis(),
              properties.maxTimeBudget().toMillis());
    } catch (IllegalArgumentException e) {
      return ScoreResult.invalidRequest(item.id(), "options: " + e.getMessage());
    }
    return run(item, gold, options);
  }

  /**
   * Runs the check on a worker and waits for it. The verdict budget is the worker's CPU time: the
   * worker stops itself at its {@link WorkBudget} checks, and this thread, while it waits, reads
   * the worker's CPU time whenever the worker could have spent the budget (CPU time never runs
   * ahead of wall time) and interrupts it once it has, which also stops steps without checks
   * (Symja, a parse). A worker that has not used its budget by the wall-clock ceiling was starved
   * by the machine: the item is masked {@code overloaded}, never a {@code timeout}.
   */
  private ScoreResult run(ScoreItem item, String gold, MathOptions options) {
    CpuMeteredCheck<MathVerifier.Outcome> check =
        new CpuMeteredCheck<>(
            () -> verifier.verify(new InterruptibleCharSequence(item.response()), gold, options),
            options.budgetMillis(),
            cpuClock);
    Future<MathVerifier.Outcome> future;
    try {
      future = workers.submit(check);
    } catch (RejectedExecutionException e) {
      return ScoreResult.failure(
          item.id(),
          ScoreStatus.OVERLOADED,
          "all math workers busy (abandoned work still running)");
    }
    long budget = options.budgetMillis() * 1_000_000L;
    long ceiling = wallCeilingMillis(options.budgetMillis()) * 1_000_000L;
    long start = System.nanoTime();
    long wait = budget;
    try {
      while (true) {
        try {
          return result(item.id(), future.get(wait, TimeUnit.NANOSECONDS), options);
        } catch (TimeoutException e) {
          if (future.isDone()) {
            wait = 0;
            continue;
          }
          long used = check.cpuUsedNanos();
          long elapsed = System.nanoTime() - start;
          if (used >= budget) {
            future.cancel(true);
            return budgetSpent(item.id(), options);
          }
          if (elapsed >= ceiling) {
            future.cancel(true);
            return ScoreResult.failure(
                item.id(),
                ScoreStatus.OVERLOADED,
                "CPU budget of "
                    + options.budgetMillis()
                    + " ms not reached within the wall-clock ceiling of "
                    + ceiling / 1_000_000
                    + " ms (the worker got "
                    + used / 1_000_000
                    + " ms of CPU): the machine is overloaded, not a verdict");
          }
          wait = Math.max(Math.min(budget - used, ceiling - elapsed), MIN_WAIT_NANOS);
        }
      }
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return ScoreResult.failure(item.id(), ScoreStatus.ERROR, "interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WorkBudget.Exceeded exceeded && exceeded.budgetSpent()) {
        return budgetSpent(item.id(), options);
      }
      if (cause instanceof StackOverflowError) {
        return ScoreResult.timeout(item.id(), options.floor(), "work abandoned: " + cause);
      }
      if (cause instanceof CancellationException) {
        // the worker was interrupted, but not by this caller (the pool shut down): not a verdict
        return ScoreResult.failure(item.id(), ScoreStatus.ERROR, "math work cancelled: " + cause);
      }
      return ScoreResult.failure(item.id(), ScoreStatus.ERROR, "math verifier failed: " + cause);
    }
  }

  /** The wall-clock time an item's caller waits at most: the budget times the ceiling factor. */
  long wallCeilingMillis(long budgetMillis) {
    return budgetMillis * properties.wallCeilingFactor();
  }

  private static ScoreResult budgetSpent(String id, MathOptions options) {
    return ScoreResult.timeout(
        id, options.floor(), "CPU time budget of " + options.budgetMillis() + " ms exceeded");
  }

  /**
   * A JSON number as answer text: plain digits, or {@code m \cdot 10^{k}} when that would be long
   * (a {@code 1e999999} read as a BigDecimal stays a short, exact answer); null when not finite.
   */
  static String numberText(Number n) {
    if ((n instanceof Double d && !Double.isFinite(d))
        || (n instanceof Float f && !Float.isFinite(f))) {
      return null;
    }
    BigDecimal v = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    if (v.signum() == 0) {
      return "0";
    }
    BigDecimal s = v.stripTrailingZeros();
    if (Math.abs((long) s.scale()) + s.precision() <= MAX_PLAIN_DIGITS) {
      return s.toPlainString();
    }
    return s.unscaledValue() + " \\cdot 10^{" + (-(long) s.scale()) + "}";
  }

  private static ScoreResult result(String id, MathVerifier.Outcome o, MathOptions options) {
    if (o.goldInvalid()) {
      return ScoreResult.invalidReference(id, o.reason());
    }
    double reward = options.reward(o.correct());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("extracted", o.extracted());
    details.put("gold", o.gold());
    details.put("canonical_prediction", o.canonicalPrediction());
    details.put("canonical_gold", o.canonicalGold());
    details.put("reason", o.reason());
    return ScoreResult.ok(id, reward, Map.of(ID, reward), details);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  private static Map<String, Object> optionSchema() {
    Map<String, Object> p = new LinkedHashMap<>();
    Map<String, Object> targets =
        Map.of(
            "type", "array", "items", Map.of("enum", List.of("latex", "expr", "string", "whole")));
    p.put("extraction", targets);
    p.put("gold_extraction", targets);
    p.put("boxed_priority", Map.of("type", "integer", "default", 50));
    p.put("anchorless", Map.of("type", "boolean", "default", true));
    p.put("first_match", Map.of("type", "boolean", "default", false));
    p.put("gold_first_match", Map.of("type", "boolean", "default", false));
    p.put("choices", Map.of("type", "array", "items", Map.of("type", "string")));
    p.put("lowercase", Map.of("type", "boolean", "default", true));
    p.put("malformed_operators", Map.of("type", "boolean", "default", true));
    p.put("units", Map.of("type", "boolean", "default", true));
    p.put("float_rounding", Map.of("type", "integer", "default", 6));
    p.put("strict", Map.of("type", "boolean", "default", true));
    p.put("allow_set_relation_comparison", Map.of("type", "boolean", "default", false));
    p.put("symbolic", Map.of("type", "boolean", "default", true));
    p.put("ordered_lists", Map.of("type", "boolean", "default", false));
    p.put("reward", Map.of("enum", List.of("binary", "signed"), "default", "binary"));
    p.put("require_format", Map.of("enum", List.of("none", "boxed"), "default", "none"));
    p.put("time_budget_ms", Map.of("type", "integer", "default", 2000));
    return p;
  }
}
