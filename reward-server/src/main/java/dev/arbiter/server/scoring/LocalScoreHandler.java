package dev.arbiter.server.scoring;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.group.GroupStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import reactor.core.publisher.Mono;

/** A scorer service's handler: the request's items against this process's scorers. */
public final class LocalScoreHandler implements ScoreHandler {

  private final ScoringEngine engine;
  private final int maxItems;
  private final double groupEps;

  public LocalScoreHandler(ScoringEngine engine, int maxItems, double groupEps) {
    this.engine = engine;
    this.maxItems = maxItems;
    this.groupEps = groupEps;
  }

  @Override
  public Mono<ScoreResponse> score(ScoreRequest request, boolean withGroups) {
    checkRequest(request, maxItems, engine.registry().ids());
    if (request.profile() != null) {
      throw new RequestProblem(
          ProblemType.UNKNOWN_PROFILE,
          "profile '"
              + request.profile()
              + "' is unknown: composite profiles are served by the reward gateway, not by a"
              + " scorer service",
          Map.of("known", List.of()));
    }
    List<ScoreItem> items = request.items();
    return engine
        .score(items)
        .map(
            results ->
                new ScoreResponse(
                    results,
                    withGroups ? GroupStatistics.compute(items, results, groupEps) : Map.of()));
  }

  @Override
  public Mono<List<ScorerDescriptor>> scorers() {
    return Mono.just(engine.registry().descriptors());
  }

  /**
   * The request-level checks every handler shares: item count, null items (400 naming {@code
   * items[i]}) and unknown scorer ids (422 listing the known ones). Items without a scorer and
   * options a scorer refuses are left to the per-item checks ({@code invalid_request}).
   */
  public static void checkRequest(ScoreRequest request, int maxItems, List<String> known) {
    if (request.items().size() > maxItems) {
      throw new RequestProblem(
          ProblemType.TOO_MANY_ITEMS,
          "request has " + request.items().size() + " items; the limit is " + maxItems,
          Map.of("limit", maxItems));
    }
    for (int i = 0; i < request.items().size(); i++) {
      if (request.items().get(i) == null) {
        throw new RequestProblem(
            ProblemType.MALFORMED_REQUEST,
            "items[" + i + "] is null; expected an object with 'scorer' and 'response'",
            Map.of("pointer", "/items/" + i));
      }
    }
    Set<String> unknown = new TreeSet<>();
    for (ScoreItem item : request.items()) {
      if (item != null
          && item.scorer() != null
          && !item.scorer().isBlank()
          && !known.contains(item.scorer())) {
        unknown.add(item.scorer());
      }
    }
    if (!unknown.isEmpty()) {
      throw new RequestProblem(
          ProblemType.UNKNOWN_SCORER,
          "unknown scorer " + unknown + "; known scorers are " + known,
          Map.of("unknown", List.copyOf(unknown), "known", known));
    }
  }
}
