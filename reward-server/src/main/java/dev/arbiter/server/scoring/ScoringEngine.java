package dev.arbiter.server.scoring;

import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs items against the in-process scorers, never on the caller's thread. Each scorer has its own
 * bounded worker pool ({@link ScorerPools}): one scorer's queue never delays another's items. Items
 * are grouped by scorer and cut into chunks that run concurrently; results come back in item order.
 *
 * <p>Each chunk has a time limit from the scorers' own declarations ({@link
 * Scorer#timeLimit(ScoreItem)} summed over the chunk's items, or {@link Scorer#timeLimit(List)} for
 * a batch, plus a grace), counted from when the chunk starts running. Past it the worker is
 * interrupted (the scorer stops its work: kills its sandbox, abandons its computation) and the
 * chunk's unanswered items come back {@code error} (masked). A cancelled subscription (the caller
 * went away, an outer time limit) interrupts running chunks and drops queued ones.
 *
 * <p>A full queue makes items {@code overloaded} and a throwing scorer makes them {@code error},
 * both masked; options a scorer refuses ({@link Scorer#checkRequest}) make that item {@code
 * invalid_request}; none of these fails the other items.
 */
public final class ScoringEngine {

  private static final Logger log = LoggerFactory.getLogger(ScoringEngine.class);

  private final ScorerRegistry registry;
  private final ScorerPools pools;
  private final ScoringMetrics metrics;
  private final int maxChunk;
  private final Duration grace;

  /**
   * @param maxChunk most items of one scorer handed to a worker as one task
   * @param grace added to a chunk's declared time limit before its work is interrupted
   */
  public ScoringEngine(
      ScorerRegistry registry,
      ScorerPools pools,
      ScoringMetrics metrics,
      int maxChunk,
      Duration grace) {
    this.registry = registry;
    this.pools = pools;
    this.metrics = metrics;
    this.maxChunk = maxChunk;
    this.grace = grace;
  }

  public ScorerRegistry registry() {
    return registry;
  }

  /** The time an outer caller should allow for {@code items} of one scorer before giving up. */
  public Duration timeLimit(Scorer scorer, List<ScoreItem> items) {
    return scorer.timeLimit(items).plus(grace);
  }

  /**
   * Scores {@code items}. Items that fail {@link ItemChecks} or name a scorer this process does not
   * host come back {@code invalid_request}; callers that must refuse unknown scorers check first.
   */
  public Mono<List<ScoreResult>> score(List<ScoreItem> items) {
    AtomicReferenceArray<ScoreResult> out = new AtomicReferenceArray<>(items.size());
    Map<Scorer, List<Integer>> byScorer = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      ScoreItem item = items.get(i);
      ScoreResult invalid = ItemChecks.routable(item);
      if (invalid == null && !registry.contains(item.scorer())) {
        invalid =
            ScoreResult.invalidRequest(
                item.id(),
                "scorer '" + item.scorer() + "' is not hosted here; known: " + registry.ids());
      }
      if (invalid != null) {
        reject(out, i, item == null ? null : item.scorer(), invalid);
        continue;
      }
      byScorer
          .computeIfAbsent(registry.find(item.scorer()).orElseThrow(), s -> new ArrayList<>())
          .add(i);
    }
    return run(items, byScorer, out);
  }

  /**
   * Scores {@code items} of {@code scorer} that their caller has already checked ({@link
   * ItemChecks}) and routed here (the gateway's in-process backends): only the scorer's own {@link
   * Scorer#checkRequest} remains.
   */
  public Mono<List<ScoreResult>> score(Scorer scorer, List<ScoreItem> items) {
    List<Integer> all = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      all.add(i);
    }
    return run(items, Map.of(scorer, all), new AtomicReferenceArray<>(items.size()));
  }

  private Mono<List<ScoreResult>> run(
      List<ScoreItem> items,
      Map<Scorer, List<Integer>> byScorer,
      AtomicReferenceArray<ScoreResult> out) {
    List<Mono<Void>> tasks = new ArrayList<>();
    byScorer.forEach(
        (scorer, routed) -> {
          List<Integer> idx = accepted(scorer, items, routed, out);
          if (idx.isEmpty()) {
            return;
          }
          int chunk = chunkSize(scorer, idx.size());
          for (int from = 0; from < idx.size(); from += chunk) {
            List<Integer> part = idx.subList(from, Math.min(idx.size(), from + chunk));
            tasks.add(submit(new Chunk(scorer, items, part, out)));
          }
        });
    if (tasks.isEmpty()) {
      return Mono.just(toList(out));
    }
    return Flux.merge(tasks).then(Mono.fromSupplier(() -> toList(out)));
  }

  /** The items {@code scorer} accepts; the others are answered {@code invalid_request}. */
  private List<Integer> accepted(
      Scorer scorer,
      List<ScoreItem> items,
      List<Integer> routed,
      AtomicReferenceArray<ScoreResult> out) {
    List<Integer> accepted = new ArrayList<>(routed.size());
    for (int i : routed) {
      ScoreItem item = items.get(i);
      try {
        scorer.checkRequest(item);
        accepted.add(i);
      } catch (RequestProblem e) {
        reject(out, i, scorer.id(), ScoreResult.invalidRequest(item.id(), e.getMessage()));
      }
    }
    return accepted;
  }

  private void reject(
      AtomicReferenceArray<ScoreResult> out, int i, String scorer, ScoreResult invalid) {
    out.set(i, invalid);
    metrics.record(scorer, invalid);
  }

  /** Spreads one scorer's items over its workers, at most {@code maxChunk} per task. */
  private int chunkSize(Scorer scorer, int n) {
    int preferred = scorer.preferredBatchSize();
    if (preferred > 1) {
      return preferred;
    }
    int spread = (n + pools.workersPerScorer() - 1) / pools.workersPerScorer();
    return Math.max(1, Math.min(maxChunk, spread));
  }

  private Mono<Void> submit(Chunk chunk) {
    try {
      pools.pool(chunk.scorer.id()).execute(chunk.task);
    } catch (RejectedExecutionException e) {
      chunk.fail(
          ScoreStatus.OVERLOADED, "scorer '" + chunk.scorer.id() + "' is at capacity; retry later");
      return Mono.empty();
    }
    return Mono.fromFuture(chunk.done, true).doOnCancel(chunk::cancel);
  }

  /**
   * A failure as one log line: its type, message and the frame that threw (the stack trace is
   * logged at debug level).
   */
  static String oneLine(Throwable e) {
    StackTraceElement[] frames = e.getStackTrace();
    String at = frames.length == 0 ? "" : " at " + frames[0];
    return oneLine(e.toString()) + at;
  }

  /** {@code text} with line breaks and other control characters escaped, cut at 200 chars. */
  static String oneLine(String text) {
    if (text == null) {
      return "null";
    }
    int n = Math.min(text.length(), 200);
    StringBuilder out = new StringBuilder(n + 3);
    for (int k = 0; k < n; k++) {
      char c = text.charAt(k);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
    }
    return text.length() > n ? out.append("...").toString() : out.toString();
  }

  private static List<ScoreResult> toList(AtomicReferenceArray<ScoreResult> out) {
    List<ScoreResult> list = new ArrayList<>(out.length());
    for (int i = 0; i < out.length(); i++) {
      list.add(out.get(i));
    }
    return list;
  }

  /** Items of one scorer run as one task under one time limit. */
  private final class Chunk implements Runnable {

    final Scorer scorer;
    final List<ScoreItem> items;
    final List<Integer> idx;
    final AtomicReferenceArray<ScoreResult> out;
    final String label;
    final FutureTask<Void> task = new FutureTask<>(this, null);
    final CompletableFuture<Void> done = new CompletableFuture<>();

    /** Set once, by the worker finishing or by the watchdog expiring: the winner completes. */
    final AtomicBoolean settled = new AtomicBoolean();

    volatile ScheduledFuture<?> watchdog;
    volatile long startNanos;

    Chunk(
        Scorer scorer,
        List<ScoreItem> items,
        List<Integer> idx,
        AtomicReferenceArray<ScoreResult> out) {
      this.scorer = scorer;
      this.items = items;
      this.idx = idx;
      this.out = out;
      this.label = scorer.descriptor().version();
    }

    private List<ScoreItem> own() {
      return idx.stream().map(items::get).toList();
    }

    @Override
    public void run() {
      startNanos = System.nanoTime();
      Duration limit = timeLimit(scorer, own());
      watchdog =
          pools.watchdog().schedule(() -> expire(limit), limit.toNanos(), TimeUnit.NANOSECONDS);
      try {
        if (scorer.preferredBatchSize() > 1 && idx.size() > 1) {
          runBatch();
        } else {
          for (int i : idx) {
            if (Thread.currentThread().isInterrupted()) {
              return;
            }
            long start = System.nanoTime();
            place(i, finish(safeScore(items.get(i)), items.get(i), start, 1));
          }
        }
      } finally {
        watchdog.cancel(false);
        if (settled.compareAndSet(false, true)) {
          done.complete(null);
        }
      }
    }

    private void runBatch() {
      List<ScoreItem> batch = own();
      long start = System.nanoTime();
      List<ScoreResult> results;
      try {
        results = scorer.scoreBatch(batch);
        if (results.size() != batch.size()) {
          throw new IllegalStateException(
              "scoreBatch returned " + results.size() + " results for " + batch.size() + " items");
        }
      } catch (RuntimeException | Error e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        log.warn(
            "scorer {} failed on a batch of {} item(s): {}", scorer.id(), batch.size(), oneLine(e));
        log.debug("scorer {} batch failure", scorer.id(), e);
        results = batch.stream().map(it -> internalError(it, e)).toList();
      }
      for (int k = 0; k < idx.size(); k++) {
        int i = idx.get(k);
        place(i, finish(results.get(k), items.get(i), start, idx.size()));
      }
    }

    private ScoreResult safeScore(ScoreItem item) {
      try {
        ScoreResult result = scorer.score(item);
        if (result == null) {
          throw new IllegalStateException("scorer returned null");
        }
        return result;
      } catch (RuntimeException | StackOverflowError e) {
        log.warn("scorer {} failed on item {}: {}", scorer.id(), oneLine(item.id()), oneLine(e));
        log.debug("scorer {} failure on item {}", scorer.id(), oneLine(item.id()), e);
        return internalError(item, e);
      }
    }

    private ScoreResult internalError(ScoreItem item, Throwable e) {
      return ScoreResult.failure(
          item.id(),
          ScoreStatus.ERROR,
          "internal error in scorer '" + scorer.id() + "': " + e.getClass().getSimpleName());
    }

    /** The watchdog: the chunk ran past its limit; interrupt it and mask what is unanswered. */
    private void expire(Duration limit) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      log.warn(
          "scorer {} ran past its time limit of {} ms on {} item(s); work interrupted",
          scorer.id(),
          limit.toMillis(),
          idx.size());
      fail(
          ScoreStatus.ERROR,
          "scorer '"
              + scorer.id()
              + "' ran past its declared worst-case time of "
              + limit.toMillis()
              + " ms; its work was interrupted");
      // answers first, then the interrupt: what the interrupted work returns comes too late
      task.cancel(true);
      done.complete(null);
    }

    /** Cancelled from outside: interrupt running work, drop queued work. */
    void cancel() {
      task.cancel(true);
      ScheduledFuture<?> dog = watchdog;
      if (dog != null) {
        dog.cancel(false);
      }
    }

    /** Answers every unanswered item of the chunk with a masked failure. */
    void fail(ScoreStatus status, String reason) {
      double ms = startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e6;
      for (int i : idx) {
        place(i, ScoreResult.failure(items.get(i).id(), status, reason).timed(label, ms));
      }
    }

    /** The first answer for an item wins; a late one from interrupted work is dropped. */
    private void place(int i, ScoreResult result) {
      if (out.compareAndSet(i, null, result)) {
        metrics.record(scorer.id(), result);
      }
    }

    private ScoreResult finish(ScoreResult result, ScoreItem item, long start, int sharedBy) {
      double ms = (System.nanoTime() - start) / 1e6 / sharedBy;
      ScoreResult withId = result.id() == null ? result.withId(item.id()) : result;
      return withId.timed(result.scorer() != null ? result.scorer() : label, ms);
    }
  }
}
