package dev.arbiter.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.gateway.routing.ScorerTraits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultCacheTest {

  private final ScorerTraits traits = new ScorerTraits();
  private final ResultCache cache =
      new ResultCache(true, 100, 1000, new SimpleMeterRegistry(), traits::cacheable);

  ResultCacheTest() {
    traits.learn(
        List.of(
            new ScorerDescriptor("math", "math/1", "", Map.of(), Map.of()),
            new ScorerDescriptor("judge", "judge/1", "", Map.of(), Map.of()).withCacheable(false)));
  }

  private static ScoreItem item(String id, String scorer) {
    return new ScoreItem(id, scorer, null, "42", Map.of("answer", "42"), Map.of(), null);
  }

  @Test
  void put_plainVerdictIsReusedForAnIdenticalItem() {
    cache.put(item("a", "math"), ScoreResult.ok("a", 1.0, Map.of(), Map.of()));

    ScoreResult hit = cache.get(item("b", "math"));

    assertThat(hit).isNotNull();
    assertThat(hit.id()).isEqualTo("b");
    assertThat(hit.reward()).isEqualTo(1.0);
  }

  @Test
  void put_timeoutIsNeverCached() {
    cache.put(item("a", "math"), ScoreResult.timeout("a", 0.0, "budget exceeded"));

    assertThat(cache.get(item("b", "math"))).isNull();
  }

  @Test
  void put_loadDependentVerdictIsNeverCached() {
    cache.put(
        item("a", "math"),
        ScoreResult.ok("a", 0.5, Map.of(), Map.of(ScoreResult.LOAD_DEPENDENT, true)));

    assertThat(cache.get(item("b", "math"))).isNull();
  }

  @Test
  void put_maskedFailureIsNeverCached() {
    cache.put(item("a", "math"), ScoreResult.failure("a", ScoreStatus.ERROR, "boom"));

    assertThat(cache.get(item("b", "math"))).isNull();
  }

  @Test
  void put_scorerDeclaredNotCacheableIsNeverCached() {
    cache.put(item("a", "judge"), ScoreResult.ok("a", 1.0, Map.of(), Map.of()));

    assertThat(cache.get(item("b", "judge"))).isNull();
  }

  @Test
  void put_scorerWhoseTraitsAreUnknownIsNeverCached() {
    cache.put(item("a", "remote-unknown"), ScoreResult.ok("a", 1.0, Map.of(), Map.of()));

    assertThat(cache.get(item("b", "remote-unknown"))).isNull();
  }

  @Test
  void put_invalidReferenceIsCached() {
    cache.put(item("a", "math"), ScoreResult.invalidReference("a", "gold unparseable"));

    assertThat(cache.get(item("b", "math")).status()).isEqualTo(ScoreStatus.INVALID_REFERENCE);
  }
}
