package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import java.util.List;
import reactor.core.publisher.Mono;

/** Where some scorers run: this process or a remote service. */
public interface Backend {

  /** Name used in configuration, metrics and reasons. */
  String name();

  /**
   * Scores one micro-batch; results align with its items. Failures: see the implementation ({@link
   * ResilientBackend} turns every failure into masked results).
   */
  Mono<List<ScoreResult>> score(ItemBatch batch);

  /** The descriptors of the scorers it serves. */
  Mono<List<ScorerDescriptor>> descriptors();
}
