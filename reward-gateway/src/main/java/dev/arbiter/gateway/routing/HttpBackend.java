package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.client.RewardClient;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A remote scorer service reached with {@link RewardClient}. Raw: failures propagate as errors;
 * {@link ResilientBackend} turns them into masked results.
 */
public final class HttpBackend implements Backend {

  private final String name;
  private final RewardClient client;

  public HttpBackend(String name, RewardClient client) {
    this.name = name;
    this.client = client;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Mono<List<ScoreResult>> score(List<ScoreItem> items) {
    // suppressCancel: a cancelled call (time limit) is left to the client's own request timeout,
    // which equals the backend's time limit, instead of surfacing a dropped CancellationException.
    return Mono.fromFuture(() -> client.score(ScoreRequest.of(items)), true)
        .map(
            response -> {
              if (response.results().size() != items.size()) {
                throw new IllegalStateException(
                    "backend "
                        + name
                        + " answered "
                        + response.results().size()
                        + " results for "
                        + items.size()
                        + " items");
              }
              return response.results();
            });
  }

  @Override
  public Mono<List<ScorerDescriptor>> descriptors() {
    return Mono.fromFuture(client::scorers);
  }

  @Override
  public String toString() {
    return name + " at " + client.baseUrl();
  }
}
