package dev.arbiter.api.client;

import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.json.ArbiterJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A non-blocking client for {@code /v1/score} and {@code /v1/scorers} of any Arbiter service.
 *
 * <p>Calls return {@link CompletableFuture}s completed on the JDK HTTP client's executor, so
 * Reactor callers adapt them with {@code Mono.fromFuture(...)} and plain callers join them. A
 * non-2xx answer completes exceptionally with {@link RewardClientException} carrying the status and
 * the problem body.
 */
public final class RewardClient {

  private static final TypeReference<List<ScorerDescriptor>> DESCRIPTORS = new TypeReference<>() {};

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final JsonMapper json;

  private RewardClient(HttpClient http, URI base, Duration timeout) {
    this.http = http;
    this.base = base;
    this.timeout = timeout;
    this.json = ArbiterJson.mapper();
  }

  /**
   * @param baseUrl e.g. {@code http://localhost:8080}
   * @param timeout per-request timeout
   */
  public static RewardClient create(String baseUrl, Duration timeout) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return new RewardClient(http, URI.create(stripSlash(baseUrl)), timeout);
  }

  public URI baseUrl() {
    return base;
  }

  /** {@code POST /v1/score}. */
  public CompletableFuture<ScoreResponse> score(ScoreRequest request) {
    Objects.requireNonNull(request, "request");
    byte[] body = json.writeValueAsBytes(request);
    HttpRequest httpRequest =
        HttpRequest.newBuilder(base.resolve("/v1/score"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, application/problem+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> decode(response, ScoreResponse.class));
  }

  /** {@code GET /v1/scorers}. */
  public CompletableFuture<List<ScorerDescriptor>> scorers() {
    HttpRequest httpRequest =
        HttpRequest.newBuilder(base.resolve("/v1/scorers")).timeout(timeout).GET().build();
    return http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            response -> {
              check(response);
              return json.readValue(response.body(), DESCRIPTORS);
            });
  }

  private <T> T decode(HttpResponse<byte[]> response, Class<T> type) {
    check(response);
    return json.readValue(response.body(), type);
  }

  private static void check(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw new RewardClientException(status, new String(response.body()));
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
