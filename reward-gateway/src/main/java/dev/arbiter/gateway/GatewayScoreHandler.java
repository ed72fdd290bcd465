package dev.arbiter.gateway;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.group.GroupStatistics;
import dev.arbiter.gateway.profile.CompositeReward;
import dev.arbiter.gateway.routing.Backend;
import dev.arbiter.gateway.routing.FanOutScorer;
import dev.arbiter.gateway.routing.ItemBatch;
import dev.arbiter.gateway.routing.RoutingTable;
import dev.arbiter.server.scoring.LocalScoreHandler;
import dev.arbiter.server.scoring.ScoreHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's {@code /v1/score}: request checks, composite profiles over {@link FanOutScorer},
 * and GRPO group statistics over the final rewards.
 */
public final class GatewayScoreHandler implements ScoreHandler {

  private final RoutingTable routing;
  private final FanOutScorer fanOut;
  private final Map<String, CompositeReward> profiles;
  private final int maxItems;
  private final double groupEps;

  public GatewayScoreHandler(
      RoutingTable routing,
      FanOutScorer fanOut,
      Map<String, CompositeReward> profiles,
      int maxItems,
      double groupEps) {
    this.routing = routing;
    this.fanOut = fanOut;
    this.profiles = new TreeMap<>(profiles);
    this.maxItems = maxItems;
    this.groupEps = groupEps;
  }

  @Override
  public Mono<ScoreResponse> score(ScoreRequest request, boolean withGroups) {
    LocalScoreHandler.checkRequest(request, maxItems, routing.scorers());
    List<ScoreItem> items = request.items();
    Mono<List<ScoreResult>> results =
        request.profile() == null
            ? fanOut.score(ItemBatch.of(request))
            : scoreProfile(profile(request.profile()), items);
    return results.map(
        r ->
            new ScoreResponse(
                r, withGroups ? GroupStatistics.compute(items, r, groupEps) : Map.of()));
  }

  /** The profile named {@code name}, or a 422 listing the known ones. */
  public CompositeReward profile(String name) {
    CompositeReward profile = profiles.get(name);
    if (profile == null) {
      throw new RequestProblem(
          ProblemType.UNKNOWN_PROFILE,
          "unknown profile '" + name + "'; known profiles are " + profiles.keySet(),
          Map.of("known", List.copyOf(profiles.keySet())));
    }
    return profile;
  }

  public Map<String, CompositeReward> profiles() {
    return profiles;
  }

  /**
   * One scorer call per distinct (scorer, options) of the profile's components for each item; the
   * calls are new items, so they are encoded when sent to a remote backend.
   */
  private Mono<List<ScoreResult>> scoreProfile(CompositeReward profile, List<ScoreItem> items) {
    List<List<ScoreItem>> perItem = new ArrayList<>(items.size());
    List<ScoreItem> calls = new ArrayList<>();
    List<Integer> offsets = new ArrayList<>();
    for (ScoreItem item : items) {
      List<ScoreItem> own = item == null ? List.of() : profile.calls(item);
      perItem.add(own);
      offsets.add(calls.size());
      calls.addAll(own);
    }
    return fanOut
        .score(ItemBatch.of(calls))
        .map(
            results -> {
              List<ScoreResult> out = new ArrayList<>(items.size());
              for (int i = 0; i < items.size(); i++) {
                ScoreItem item = items.get(i);
                if (item == null) {
                  out.add(ScoreResult.invalidRequest(null, "item is null"));
                  continue;
                }
                int from = offsets.get(i);
                List<ScoreResult> own = results.subList(from, from + perItem.get(i).size());
                out.add(
                    profile
                        .combine(item, perItem.get(i), own)
                        .timed("gateway/" + profile.name(), maxLatency(own)));
              }
              return out;
            });
  }

  private static double maxLatency(List<ScoreResult> results) {
    return results.stream().mapToDouble(ScoreResult::latencyMs).max().orElse(0);
  }

  @Override
  public Mono<List<ScorerDescriptor>> scorers() {
    Set<String> routed = Set.copyOf(routing.scorers());
    return Flux.fromIterable(routing.backends())
        .concatMap(backend -> descriptorsOf(backend).flatMapMany(Flux::fromIterable))
        .filter(d -> routed.contains(d.id()))
        .collectMap(ScorerDescriptor::id, d -> d, LinkedHashMap::new)
        .map(byId -> new ArrayList<>(new TreeMap<>(byId).values()));
  }

  private Mono<List<ScorerDescriptor>> descriptorsOf(Backend backend) {
    return backend
        .descriptors()
        .onErrorResume(
            e ->
                Mono.just(
                    routing.scorersOf(backend).stream()
                        .map(
                            id ->
                                new ScorerDescriptor(
                                    id,
                                    "unknown",
                                    "backend '" + backend.name() + "' is unreachable right now",
                                    Map.of(),
                                    Map.of()))
                        .toList()));
  }
}
