package dev.arbiter.model.judge;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.netty.channel.ChannelOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * {@link JudgeClient} over an OpenAI-compatible {@code /v1/chat/completions} endpoint (vLLM,
 * SGLang, Ollama, llama.cpp server): Spring WebClient for the call, Resilience4j around it.
 *
 * <p>Each attempt is bounded by a {@link TimeLimiter}; attempts pass a {@link CircuitBreaker} that
 * counts timeouts and unavailability (not 4xx or malformed bodies: the server answered); a {@link
 * Retry} repeats attempts that failed on connection errors, 5xx or 429, with exponential backoff.
 * Chat completions have no side effects, so retrying them is safe. Reactor stays inside: callers
 * get a {@link CompletableFuture}. Thread-safe; share one instance per backend.
 */
public final class OpenAiJudgeClient implements JudgeClient {

  private static final Logger log = LoggerFactory.getLogger(OpenAiJudgeClient.class);

  private final JudgeClientSettings settings;
  private final WebClient webClient;
  private final String url;
  private final TimeLimiter timeLimiter;
  private final CircuitBreaker circuitBreaker;
  private final Retry retry;

  public OpenAiJudgeClient(JudgeClientSettings settings) {
    this(settings, WebClient.builder());
  }

  /** A client built from {@code builder} (e.g. Spring's, to keep its observation and codecs). */
  public OpenAiJudgeClient(JudgeClientSettings settings, WebClient.Builder builder) {
    this.settings = settings;
    this.url = settings.completionsUrl();
    HttpClient http =
        HttpClient.create()
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
    this.webClient =
        builder
            .clone()
            .clientConnector(new ReactorClientHttpConnector(http))
            .codecs(c -> c.defaultCodecs().maxInMemorySize(settings.maxResponseBytes()))
            .build();
    String name = "judge:" + settings.model() + "@" + url;
    this.timeLimiter =
        TimeLimiter.of(
            name,
            TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeout())
                .cancelRunningFuture(true)
                .build());
    this.circuitBreaker =
        CircuitBreaker.of(
            name,
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.circuitWindow())
                .minimumNumberOfCalls(settings.circuitMinimumCalls())
                .failureRateThreshold(settings.circuitFailureRate())
                .waitDurationInOpenState(settings.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(
                    e ->
                        e instanceof JudgeTimeoutException
                            || e instanceof JudgeUnavailableException)
                .build());
    this.retry =
        Retry.of(
            name,
            RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialBackoff(settings.retryBackoff(), 2.0))
                .retryOnException(this::retryable)
                .build());
    retry
        .getEventPublisher()
        .onRetry(
            e ->
                log.debug(
                    "judge call to {} failed ({}); retry {} in {}",
                    url,
                    e.getLastThrowable().getMessage(),
                    e.getNumberOfRetryAttempts(),
                    e.getWaitInterval()));
  }

  public JudgeClientSettings settings() {
    return settings;
  }

  /** The circuit breaker's state: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ... */
  public String circuitState() {
    return circuitBreaker.getState().name();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The call starts now; cancelling the future cancels the attempt in flight and its retries.
   */
  @Override
  public CompletableFuture<JudgeResponse> chat(JudgeRequest request) {
    return call(request).toFuture();
  }

  private Mono<JudgeResponse> call(JudgeRequest request) {
    String body = ChatCompletionCodec.encodeRequest(settings, request);
    Mono<JudgeResponse> attempt =
        Mono.defer(() -> send(body))
            .transformDeferred(TimeLimiterOperator.of(timeLimiter))
            .onErrorMap(
                TimeoutException.class,
                e ->
                    new JudgeTimeoutException(
                        "judge at " + url + " did not answer within " + settings.timeout(), e))
            .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
            .onErrorMap(
                CallNotPermittedException.class,
                e ->
                    new JudgeCircuitOpenException(
                        "judge circuit is open after repeated failures at "
                            + url
                            + "; calls resume after "
                            + settings.circuitOpenFor(),
                        e));
    return attempt.transformDeferred(RetryOperator.of(retry));
  }

  private boolean retryable(Throwable e) {
    if (e instanceof JudgeCircuitOpenException) {
      return false;
    }
    return e instanceof JudgeUnavailableException
        || (settings.retryOnTimeout() && e instanceof JudgeTimeoutException);
  }

  private Mono<JudgeResponse> send(String body) {
    long start = System.nanoTime();
    return webClient
        .post()
        .uri(url)
        .headers(
            h -> {
              if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
                h.setBearerAuth(settings.apiKey());
              }
            })
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchangeToMono(
            response ->
                response
                    .bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(
                        text ->
                            handle(
                                response.statusCode().value(),
                                text,
                                (System.nanoTime() - start) / 1e6)))
        .onErrorMap(e -> !(e instanceof JudgeException), this::unavailable);
  }

  private JudgeResponse handle(int status, String body, double latencyMs) {
    if (status == 429 || status >= 500) {
      throw new JudgeUnavailableException(
          "judge at " + url + " answered HTTP " + status + ": " + abbreviate(body), status, null);
    }
    if (status >= 400) {
      throw new JudgeRejectedException(
          "judge at " + url + " refused the request with HTTP " + status + ": " + abbreviate(body),
          status);
    }
    if (status < 200 || status >= 300) {
      throw new JudgeMalformedResponseException(
          "judge at " + url + " answered unexpected HTTP " + status);
    }
    return ChatCompletionCodec.decodeResponse(body, latencyMs);
  }

  private JudgeException unavailable(Throwable e) {
    if (e instanceof DataBufferLimitException) {
      return new JudgeMalformedResponseException(
          "judge response exceeds " + settings.maxResponseBytes() + " bytes", e);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new JudgeUnavailableException("cannot reach judge at " + url + ": " + root, e);
  }

  static String abbreviate(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
  }
}
