package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.gateway.cache.ResultCache;
import dev.arbiter.server.scoring.ItemChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scores plain items (each names a routable scorer): checks each item once ({@link ItemChecks}),
 * answers what it can from the cache, splits the rest by backend, cuts each backend's share into
 * micro-batches sent concurrently, and merges the results back in item order. A micro-batch keeps
 * the client's bytes of its items when the batch it was cut from has them ({@link
 * ItemBatch#select}).
 */
public final class FanOutScorer {

  private final RoutingTable routing;
  private final ResultCache cache;
  private final ToIntFunction<Backend> batchSize;
  private final GatewayMetrics metrics;

  public FanOutScorer(
      RoutingTable routing,
      ResultCache cache,
      ToIntFunction<Backend> batchSize,
      GatewayMetrics metrics) {
    this.routing = routing;
    this.cache = cache;
    this.batchSize = batchSize;
    this.metrics = metrics;
  }

  public Mono<List<ScoreResult>> score(ItemBatch batch) {
    List<ScoreItem> items = batch.items();
    ScoreResult[] out = new ScoreResult[items.size()];
    Map<Backend, List<Integer>> byBackend = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      ScoreItem item = items.get(i);
      ScoreResult invalid = ItemChecks.routable(item);
      if (invalid != null) {
        out[i] = invalid.timed("gateway", 0);
        continue;
      }
      ScoreResult hit = cache.get(item);
      if (hit != null) {
        out[i] = hit;
        metrics.result(item.scorer(), "cache", hit);
        continue;
      }
      Backend backend = routing.route(item.scorer()).orElseThrow();
      byBackend.computeIfAbsent(backend, b -> new ArrayList<>()).add(i);
    }
    if (byBackend.isEmpty()) {
      return Mono.just(Arrays.asList(out));
    }
    List<Mono<Void>> calls = new ArrayList<>();
    byBackend.forEach(
        (backend, idx) -> {
          int size = Math.max(1, batchSize.applyAsInt(backend));
          for (int from = 0; from < idx.size(); from += size) {
            List<Integer> part = List.copyOf(idx.subList(from, Math.min(idx.size(), from + size)));
            ItemBatch call = batch.select(part);
            calls.add(
                Mono.defer(
                    () -> {
                      long start = System.nanoTime();
                      return backend
                          .score(call)
                          .doOnNext(
                              results -> {
                                metrics.call(backend.name(), System.nanoTime() - start);
                                place(backend, items, part, results, out);
                              })
                          .then();
                    }));
          }
        });
    return Flux.merge(calls).then(Mono.fromSupplier(() -> Arrays.asList(out)));
  }

  private void place(
      Backend backend,
      List<ScoreItem> items,
      List<Integer> part,
      List<ScoreResult> results,
      ScoreResult[] out) {
    for (int k = 0; k < part.size(); k++) {
      int i = part.get(k);
      ScoreResult r = results.get(k);
      ScoreItem item = items.get(i);
      // Restore the caller's id: a backend may not echo a null or duplicate id faithfully.
      ScoreResult result = r.id() == null || !r.id().equals(item.id()) ? r.withId(item.id()) : r;
      out[i] = result;
      cache.put(item, result);
      metrics.result(item.scorer(), backend.name(), result);
    }
  }
}
