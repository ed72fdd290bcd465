package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.server.scoring.ScoringEngine;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * One scorer module on this process's classpath, run on that scorer's own worker pool. Its items
 * were checked by {@link FanOutScorer}; the engine adds only the scorer's own checks. Each
 * in-process scorer is its own backend, so it gets its own circuit breaker, bulkhead and time
 * limit.
 */
public final class LocalBackend implements Backend {

  /** Prefix of in-process backends' names in routes, metrics and reasons. */
  public static final String PREFIX = "in-process:";

  private final ScoringEngine engine;
  private final Scorer scorer;

  public LocalBackend(ScoringEngine engine, Scorer scorer) {
    this.engine = engine;
    this.scorer = scorer;
  }

  @Override
  public String name() {
    return PREFIX + scorer.id();
  }

  @Override
  public Mono<List<ScoreResult>> score(ItemBatch batch) {
    return engine.score(scorer, batch.items());
  }

  @Override
  public Mono<List<ScorerDescriptor>> descriptors() {
    return Mono.just(List.of(scorer.descriptor()));
  }

  /**
   * The worst-case time of {@code items} run one after another on this scorer, plus the engine's
   * grace: the call's time limit, so a batch's limit scales with its items.
   */
  public Duration timeLimit(List<ScoreItem> items) {
    return engine.timeLimit(scorer, items);
  }
}
