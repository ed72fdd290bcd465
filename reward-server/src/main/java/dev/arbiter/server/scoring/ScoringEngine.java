package dev.arbiter.server.scoring;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs items against the in-process scorers on a bounded worker pool, never on the caller's thread.
 * Items are grouped by scorer and cut into chunks that run concurrently; results come back in item
 * order. A full queue makes items {@code overloaded} and a throwing scorer makes them {@code
 * error}, both masked; neither fails the other items.
 */
public final class ScoringEngine {

  private static final Logger log = LoggerFactory.getLogger(ScoringEngine.class);

  private final ScorerRegistry registry;
  private final Executor workers;
  private final ScoringMetrics metrics;
  private final int maxChunk;

  public ScoringEngine(
      ScorerRegistry registry, Executor workers, ScoringMetrics metrics, int maxChunk) {
    this.registry = registry;
    this.workers = workers;
    this.metrics = metrics;
    this.maxChunk = maxChunk;
  }

  public ScorerRegistry registry() {
    return registry;
  }

  /**
   * Scores {@code items}. Items without a response or with a scorer this process does not host come
   * back {@code invalid_request}; callers that must refuse unknown scorers check first.
   */
  public Mono<List<ScoreResult>> score(List<ScoreItem> items) {
    ScoreResult[] out = new ScoreResult[items.size()];
    Map<Scorer, List<Integer>> byScorer = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      ScoreItem item = items.get(i);
      ScoreResult invalid = validate(item);
      if (invalid != null) {
        out[i] = invalid;
        metrics.record(item.scorer(), invalid);
        continue;
      }
      byScorer
          .computeIfAbsent(registry.find(item.scorer()).orElseThrow(), s -> new ArrayList<>())
          .add(i);
    }
    if (byScorer.isEmpty()) {
      return Mono.just(Arrays.asList(out));
    }
    List<Mono<Void>> tasks = new ArrayList<>();
    byScorer.forEach(
        (scorer, idx) -> {
          int chunk = chunkSize(scorer, idx.size());
          for (int from = 0; from < idx.size(); from += chunk) {
            List<Integer> part = idx.subList(from, Math.min(idx.size(), from + chunk));
            tasks.add(submit(scorer, items, part, out));
          }
        });
    return Flux.merge(tasks).then(Mono.fromSupplier(() -> Arrays.asList(out)));
  }

  private int chunkSize(Scorer scorer, int n) {
    int preferred = scorer.preferredBatchSize();
    return preferred > 1 ? preferred : Math.min(maxChunk, Math.max(1, n));
  }

  private ScoreResult validate(ScoreItem item) {
    if (item == null) {
      return ScoreResult.invalidRequest(null, "item is null");
    }
    if (item.scorer() == null || item.scorer().isBlank()) {
      return ScoreResult.invalidRequest(item.id(), "item has no 'scorer'");
    }
    if (!registry.contains(item.scorer())) {
      return ScoreResult.invalidRequest(
          item.id(), "scorer '" + item.scorer() + "' is not hosted here; known: " + registry.ids());
    }
    if (item.response() == null) {
      return ScoreResult.invalidRequest(item.id(), "item has no 'response'");
    }
    return null;
  }

  private Mono<Void> submit(
      Scorer scorer, List<ScoreItem> items, List<Integer> idx, ScoreResult[] out) {
    CompletableFuture<Void> future;
    try {
      future = CompletableFuture.runAsync(() -> run(scorer, items, idx, out), workers);
    } catch (RejectedExecutionException e) {
      for (int i : idx) {
        out[i] =
            ScoreResult.failure(
                    items.get(i).id(),
                    ScoreStatus.OVERLOADED,
                    "scorer '" + scorer.id() + "' is at capacity; retry later")
                .timed(scorer.descriptor().version(), 0);
        metrics.record(scorer.id(), out[i]);
      }
      return Mono.empty();
    }
    return Mono.fromFuture(future);
  }

  private void run(Scorer scorer, List<ScoreItem> items, List<Integer> idx, ScoreResult[] out) {
    String label = scorer.descriptor().version();
    if (scorer.preferredBatchSize() > 1 && idx.size() > 1) {
      runBatch(scorer, label, items, idx, out);
      return;
    }
    for (int i : idx) {
      long start = System.nanoTime();
      ScoreResult result = safeScore(scorer, items.get(i));
      out[i] = finish(result, items.get(i), label, start, 1);
      metrics.record(scorer.id(), out[i]);
    }
  }

  private void runBatch(
      Scorer scorer, String label, List<ScoreItem> items, List<Integer> idx, ScoreResult[] out) {
    List<ScoreItem> batch = idx.stream().map(items::get).toList();
    long start = System.nanoTime();
    List<ScoreResult> results;
    try {
      results = scorer.scoreBatch(batch);
      if (results.size() != batch.size()) {
        throw new IllegalStateException(
            "scoreBatch returned " + results.size() + " results for " + batch.size() + " items");
      }
    } catch (RuntimeException | Error e) {
      log.error("scorer {} failed on a batch of {}", scorer.id(), batch.size(), e);
      results = batch.stream().map(it -> internalError(scorer, it, e)).toList();
    }
    for (int k = 0; k < idx.size(); k++) {
      int i = idx.get(k);
      out[i] = finish(results.get(k), items.get(i), label, start, idx.size());
      metrics.record(scorer.id(), out[i]);
    }
  }

  private static ScoreResult safeScore(Scorer scorer, ScoreItem item) {
    try {
      ScoreResult result = scorer.score(item);
      if (result == null) {
        throw new IllegalStateException("scorer returned null");
      }
      return result;
    } catch (RuntimeException | StackOverflowError e) {
      log.error("scorer {} failed on item {}", scorer.id(), item.id(), e);
      return internalError(scorer, item, e);
    }
  }

  private static ScoreResult internalError(Scorer scorer, ScoreItem item, Throwable e) {
    return ScoreResult.failure(
        item.id(),
        ScoreStatus.ERROR,
        "internal error in scorer '" + scorer.id() + "': " + e.getClass().getSimpleName());
  }

  private static ScoreResult finish(
      ScoreResult result, ScoreItem item, String label, long startNanos, int sharedBy) {
    double ms = (System.nanoTime() - startNanos) / 1e6 / sharedBy;
    ScoreResult withId = result.id() == null ? result.withId(item.id()) : result;
    return withId.timed(result.scorer() != null ? result.scorer() : label, ms);
  }
}
