package dev.arbiter.api.client;

import dev.arbiter.api.GroupStats;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.json.ArbiterJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A non-blocking client for {@code /v1/score}, {@code /v1/scorers}, {@code /v1/profiles} and {@code
 * /get_reward} of any Arbiter service or gateway.
 *
 * <p>Calls return {@link CompletableFuture}s completed on the JDK HTTP client's executor, so
 * Reactor callers adapt them with {@code Mono.fromFuture(...)} and plain callers join them. The
 * base URL keeps its path ({@code http://proxy/arbiter} posts to {@code
 * http://proxy/arbiter/v1/score}). Requests with more items than {@link Builder#maxItems} are cut
 * into chunks (a GRPO group stays in one chunk when it fits) sent concurrently and merged in order.
 * Connection failures, 429 and 5xx are retried with exponential backoff (honouring {@code
 * Retry-After}): scoring is idempotent. Masked items are results, not failures: the caller decides.
 * A non-2xx answer that is not retried, or still fails after the retries, completes exceptionally
 * with {@link RewardClientException} carrying the status and the problem body (decoded as UTF-8).
 */
public final class RewardClient {

  private static final TypeReference<List<ScorerDescriptor>> DESCRIPTORS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final HttpClient http;
  private final String base;
  private final Duration timeout;
  private final int maxItems;
  private final int retries;
  private final Duration backoff;
  private final Duration maxBackoff;
  private final JsonMapper json = ArbiterJson.mapper();

  private RewardClient(Builder b) {
    this.http =
        b.http != null
            ? b.http
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    this.base = stripSlash(b.baseUrl);
    this.timeout = b.timeout;
    this.maxItems = b.maxItems;
    this.retries = b.retries;
    this.backoff = b.backoff;
    this.maxBackoff = b.maxBackoff;
  }

  /**
   * @param baseUrl e.g. {@code http://localhost:8080} or {@code http://proxy/arbiter}
   * @param timeout per-request timeout
   */
  public static RewardClient create(String baseUrl, Duration timeout) {
    return builder(baseUrl).timeout(timeout).build();
  }

  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  public URI baseUrl() {
    return URI.create(base);
  }

  /** The URI of {@code path} under the base URL, keeping the base URL's own path. */
  URI uri(String path) {
    return URI.create(base + path);
  }

  /** {@code POST /v1/score}, in chunks of at most {@code maxItems}, results in request order. */
  public CompletableFuture<ScoreResponse> score(ScoreRequest request) {
    Objects.requireNonNull(request, "request");
    List<ScoreItem> items = request.items() == null ? List.of() : request.items();
    if (items.size() <= maxItems) {
      return scoreOnce(request);
    }
    List<List<Integer>> chunks = ItemChunks.split(items, maxItems);
    List<CompletableFuture<ScoreResponse>> calls = new ArrayList<>(chunks.size());
    for (List<Integer> chunk : chunks) {
      List<ScoreItem> part = new ArrayList<>(chunk.size());
      chunk.forEach(i -> part.add(items.get(i)));
      calls.add(scoreOnce(new ScoreRequest(part, request.profile())));
    }
    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              ScoreResult[] results = new ScoreResult[items.size()];
              Map<String, GroupStats> groups = new LinkedHashMap<>();
              for (int c = 0; c < chunks.size(); c++) {
                ScoreResponse part = calls.get(c).join();
                List<Integer> positions = chunks.get(c);
                if (part.results().size() != positions.size()) {
                  throw new IllegalStateException(
                      "answer has "
                          + part.results().size()
                          + " results for "
                          + positions.size()
                          + " items");
                }
                for (int k = 0; k < positions.size(); k++) {
                  results[positions.get(k)] = part.results().get(k);
                }
                groups.putAll(part.groups());
              }
              return new ScoreResponse(List.of(results), groups);
            });
  }

  private CompletableFuture<ScoreResponse> scoreOnce(ScoreRequest request) {
    byte[] body = json.writeValueAsBytes(request);
    return send(post("/v1/score", body), 0)
        .thenApply(r -> json.readValue(r.body(), ScoreResponse.class));
  }

  /** {@code GET /v1/scorers}. */
  public CompletableFuture<List<ScorerDescriptor>> scorers() {
    return send(get("/v1/scorers"), 0).thenApply(r -> json.readValue(r.body(), DESCRIPTORS));
  }

  /** {@code GET /v1/profiles} of a gateway: the composite rewards by name, as JSON objects. */
  public CompletableFuture<Map<String, Object>> profiles() {
    return send(get("/v1/profiles"), 0).thenApply(r -> json.readValue(r.body(), OBJECT));
  }

  /** OpenRLHF's {@code POST /get_reward} on a gateway; labels travel as JSON values. */
  public CompletableFuture<GetRewardResponse> getReward(
      List<String> queries, List<String> prompts, List<?> labels) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", queries);
    body.put("prompts", prompts);
    body.put("labels", labels);
    return send(post("/get_reward", json.writeValueAsBytes(body)), 0)
        .thenApply(r -> json.readValue(r.body(), GetRewardResponse.class));
  }

  private HttpRequest post(String path, byte[] body) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, application/problem+json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(timeout)
        .header("Accept", "application/json, application/problem+json")
        .GET()
        .build();
  }

  private CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request, int attempt) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, error) -> {
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              boolean retryable =
                  cause != null
                      ? cause instanceof IOException
                      : RewardClientException.retryable(response.statusCode());
              if (retryable && attempt < retries) {
                Duration wait = backoff(attempt, response);
                return CompletableFuture.supplyAsync(
                        () -> null,
                        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(x -> send(request, attempt + 1));
              }
              if (cause != null) {
                return CompletableFuture.<HttpResponse<byte[]>>failedFuture(cause);
              }
              return CompletableFuture.completedFuture(check(response));
            })
        .thenCompose(f -> f);
  }

  private Duration backoff(int attempt, HttpResponse<byte[]> response) {
    long millis = Math.min(maxBackoff.toMillis(), backoff.toMillis() << Math.min(attempt, 20));
    Optional<String> retryAfter =
        response == null ? Optional.empty() : response.headers().firstValue("Retry-After");
    if (retryAfter.isPresent()) {
      try {
        millis =
            Math.max(
                millis,
                Math.min(maxBackoff.toMillis(), 1000 * Long.parseLong(retryAfter.get().trim())));
      } catch (NumberFormatException e) {
        // an HTTP-date: keep the exponential backoff
      }
    }
    return Duration.ofMillis(millis);
  }

  private static HttpResponse<byte[]> check(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw new RewardClientException(status, new String(response.body(), StandardCharsets.UTF_8));
    }
    return response;
  }

  private static String stripSlash(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  /** Settings of a {@link RewardClient}. */
  public static final class Builder {
    private final String baseUrl;
    private Duration timeout = Duration.ofSeconds(60);
    private int maxItems = 512;
    private int retries = 3;
    private Duration backoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private HttpClient http;

    private Builder(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      URI parsed = URI.create(stripSlash(baseUrl));
      if (parsed.getScheme() == null || parsed.getHost() == null) {
        throw new IllegalArgumentException(
            "base URL should be http(s)://host[:port][/prefix], got " + baseUrl);
      }
    }

    /** Per-request timeout (default 60 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Most items per request (default 512; the server's default limit is 4096). */
    public Builder maxItems(int maxItems) {
      if (maxItems < 1) {
        throw new IllegalArgumentException("maxItems should be at least 1, got " + maxItems);
      }
      this.maxItems = maxItems;
      return this;
    }

    /** Retries of connection failures, 429 and 5xx (default 3; 0: none). */
    public Builder retries(int retries) {
      this.retries = Math.max(0, retries);
      return this;
    }

    /** First backoff, doubled per retry up to {@code max} (defaults 200 ms and 10 s). */
    public Builder backoff(Duration first, Duration max) {
      this.backoff = Objects.requireNonNull(first);
      this.maxBackoff = Objects.requireNonNull(max);
      return this;
    }

    /** The JDK client to use (default: HTTP/1.1, 5 s connect timeout). */
    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    public RewardClient build() {
      return new RewardClient(this);
    }
  }
}
