package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.client.RewardClientException;
import dev.arbiter.api.json.ArbiterJson;
import java.time.Duration;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * A remote scorer service reached over Reactor Netty on the gateway's own event loops (no thread
 * hop per call, pooled keep-alive connections). Raw: failures propagate as errors (non-2xx as
 * {@link RewardClientException}); {@link ResilientBackend} turns them into masked results.
 */
public final class WebClientBackend implements Backend {

  private static final ParameterizedTypeReference<List<ScorerDescriptor>> DESCRIPTORS =
      new ParameterizedTypeReference<>() {};

  private final String name;
  private final String baseUrl;
  private final WebClient web;

  public WebClientBackend(String name, String baseUrl, Duration timeout, int maxConnections) {
    this.name = name;
    this.baseUrl = baseUrl;
    JsonMapper json = ArbiterJson.mapper();
    HttpClient http =
        HttpClient.create(
                ConnectionProvider.builder("backend-" + name)
                    .maxConnections(maxConnections)
                    .pendingAcquireTimeout(timeout)
                    .maxIdleTime(Duration.ofSeconds(30))
                    .build())
            .responseTimeout(timeout)
            .compress(false);
    this.web =
        WebClient.builder()
            .baseUrl(baseUrl)
            .clientConnector(new ReactorClientHttpConnector(http))
            .codecs(
                c -> {
                  c.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(json));
                  c.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(json));
                  c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024);
                })
            .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Mono<List<ScoreResult>> score(List<ScoreItem> items) {
    return web.post()
        .uri("/v1/score")
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
        .bodyValue(ScoreRequest.of(items))
        .retrieve()
        .onStatus(
            status -> !status.is2xxSuccessful(),
            response ->
                response
                    .bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(body -> new RewardClientException(response.statusCode().value(), body)))
        .bodyToMono(ScoreResponse.class)
        .map(response -> aligned(response, items.size()));
  }

  private List<ScoreResult> aligned(ScoreResponse response, int expected) {
    if (response.results().size() != expected) {
      throw new IllegalStateException(
          "backend "
              + name
              + " answered "
              + response.results().size()
              + " results for "
              + expected
              + " items");
    }
    return response.results();
  }

  @Override
  public Mono<List<ScorerDescriptor>> descriptors() {
    return web.get().uri("/v1/scorers").retrieve().bodyToMono(DESCRIPTORS);
  }

  @Override
  public String toString() {
    return name + " at " + baseUrl;
  }
}
