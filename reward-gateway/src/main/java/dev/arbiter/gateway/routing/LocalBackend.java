package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.server.scoring.ScoringEngine;
import java.util.List;
import reactor.core.publisher.Mono;

/** The scorer modules on this process's classpath, run on the shared worker pool. */
public final class LocalBackend implements Backend {

  /** The in-process backend's name in routes, metrics and reasons. */
  public static final String NAME = "in-process";

  private final ScoringEngine engine;

  public LocalBackend(ScoringEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Mono<List<ScoreResult>> score(List<ScoreItem> items) {
    return engine.score(items);
  }

  @Override
  public Mono<List<ScorerDescriptor>> descriptors() {
    return Mono.just(engine.registry().descriptors());
  }

  public List<String> scorerIds() {
    return engine.registry().ids();
  }
}
