package dev.arbiter.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Results of identical items: same scorer, reference, options and response. Only verdicts that are
 * a function of the item alone are kept: {@code ok} and {@code invalid_reference} results of a
 * scorer that declared itself cacheable ({@code ScorerDescriptor.cacheable}; an LLM judge or a
 * revised rubric is not), and never one that depends on time or load ({@code timeout}, a result
 * marked {@link ScoreResult#LOAD_DEPENDENT}) nor a masked failure. Hits and misses are exported as
 * {@code cache_gets_total{cache="score-results"}}.
 */
public final class ResultCache {

  private final Cache<Key, ScoreResult> cache;
  private final int maxResponseChars;
  private final boolean enabled;
  private final Predicate<String> cacheableScorer;

  /**
   * @param cacheableScorer whether a scorer id declared its verdicts cacheable
   */
  public ResultCache(
      boolean enabled,
      long maxEntries,
      int maxResponseChars,
      MeterRegistry meterRegistry,
      Predicate<String> cacheableScorer) {
    this.enabled = enabled && maxEntries > 0;
    this.cacheableScorer = cacheableScorer;
    this.maxResponseChars = maxResponseChars;
    this.cache = Caffeine.newBuilder().maximumSize(Math.max(1, maxEntries)).recordStats().build();
    CaffeineCacheMetrics.monitor(meterRegistry, cache, "score-results");
  }

  private record Key(
      String scorer, Map<String, Object> reference, Map<String, Object> options, String response) {}

  /** The cached result for {@code item} (with the item's id), or null. */
  public ScoreResult get(ScoreItem item) {
    if (!cacheable(item)) {
      return null;
    }
    ScoreResult hit = cache.getIfPresent(key(item));
    return hit == null ? null : hit.withId(item.id());
  }

  public void put(ScoreItem item, ScoreResult result) {
    if (cacheable(item) && keep(result)) {
      cache.put(key(item), result);
    }
  }

  private boolean cacheable(ScoreItem item) {
    return enabled
        && item.response() != null
        && item.response().length() <= maxResponseChars
        && cacheableScorer.test(item.scorer());
  }

  private static boolean keep(ScoreResult result) {
    return (result.status() == ScoreStatus.OK || result.status() == ScoreStatus.INVALID_REFERENCE)
        && !result.loadDependent();
  }

  private static Key key(ScoreItem item) {
    return new Key(item.scorer(), item.reference(), item.options(), item.response());
  }
}
