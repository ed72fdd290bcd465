package dev.arbiter.server.scoring;

import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScorerDescriptor;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What answers {@code POST /v1/score} and {@code GET /v1/scorers}: the local scorers in a scorer
 * service, the router in the gateway.
 */
public interface ScoreHandler {

  /**
   * Scores a request. Request-level failures signal {@link dev.arbiter.api.RequestProblem};
   * everything else is a per-item status.
   *
   * @param withGroups whether to compute the GRPO statistics of the items' groups; a caller that
   *     computes its own over other results (the gateway calling a scorer service) asks without
   */
  Mono<ScoreResponse> score(ScoreRequest request, boolean withGroups);

  /** The scorers reachable through this handler (a gateway may ask its backends). */
  Mono<List<ScorerDescriptor>> scorers();
}
