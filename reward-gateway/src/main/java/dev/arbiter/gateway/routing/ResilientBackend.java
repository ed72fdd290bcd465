package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.client.RewardClientException;
import dev.arbiter.gateway.GatewayProperties.Resilience;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A backend behind Resilience4j: retry (connection errors and 5xx only; scoring is idempotent)
 * around a circuit breaker around a bulkhead around a time limit. The time limit of a call follows
 * its items ({@code timeLimit}: for an in-process scorer its declared worst case summed over the
 * batch; for a remote service at least the configured timeout), and running out of it cancels the
 * call (an in-process scorer's work is interrupted, a remote exchange closed). A call that still
 * fails becomes masked results: {@code scorer_unavailable} for a timeout, an open circuit or a dead
 * backend, {@code overloaded} for a full bulkhead or a 429/503, {@code error} for anything else.
 *
 * <p>Logs once per change of state, never per call: a warning when calls start failing (with the
 * first reason) and when the circuit opens, a line when the backend answers again.
 */
public final class ResilientBackend implements Backend {

  private static final Logger log = LoggerFactory.getLogger(ResilientBackend.class);

  private final Backend delegate;
  private final CircuitBreaker circuitBreaker;
  private final Bulkhead bulkhead;
  private final TimeLimiter timeLimiter;
  private final Function<List<ScoreItem>, Duration> timeLimit;
  private final Retry retry;

  private final Duration openDuration;

  /** Whether the last call failed: the state whose changes are logged. */
  private final AtomicBoolean failing = new AtomicBoolean();

  /** The Resilience4j registries backends register in (their metrics are exported). */
  public record Registries(
      CircuitBreakerRegistry circuitBreakers,
      BulkheadRegistry bulkheads,
      TimeLimiterRegistry timeLimiters,
      RetryRegistry retries) {

    public static Registries ofDefaults() {
      return new Registries(
          CircuitBreakerRegistry.ofDefaults(),
          BulkheadRegistry.ofDefaults(),
          TimeLimiterRegistry.ofDefaults(),
          RetryRegistry.ofDefaults());
    }
  }

  /**
   * @param timeLimit the time limit of one call scoring the given items
   */
  public ResilientBackend(
      Backend delegate,
      Resilience config,
      Registries registries,
      Function<List<ScoreItem>, Duration> timeLimit) {
    this.delegate = delegate;
    this.timeLimit = timeLimit;
    this.openDuration = config.openDuration();
    String name = delegate.name();
    this.circuitBreaker =
        registries
            .circuitBreakers()
            .circuitBreaker(
                name,
                CircuitBreakerConfig.custom()
                    .failureRateThreshold(config.failureRateThreshold())
                    .minimumNumberOfCalls(config.minimumCalls())
                    .slidingWindowSize(config.slidingWindow())
                    .waitDurationInOpenState(config.openDuration())
                    .permittedNumberOfCallsInHalfOpenState(2)
                    .recordException(ResilientBackend::isFailure)
                    .build());
    this.bulkhead =
        registries
            .bulkheads()
            .bulkhead(
                name,
                BulkheadConfig.custom()
                    .maxConcurrentCalls(config.maxConcurrentCalls())
                    .maxWaitDuration(config.maxWait())
                    .build());
    this.timeLimiter =
        registries
            .timeLimiters()
            .timeLimiter(
                name,
                TimeLimiterConfig.custom()
                    .timeoutDuration(config.timeout())
                    .cancelRunningFuture(true)
                    .build());
    this.retry =
        registries
            .retries()
            .retry(
                name,
                RetryConfig.custom()
                    .maxAttempts(config.retryAttempts())
                    .intervalFunction(
                        IntervalFunction.ofExponentialBackoff(
                            config.retryBackoff().toMillis(), 2.0))
                    .retryOnException(retryable())
                    .build());
    circuitBreaker.getEventPublisher().onStateTransition(this::logTransition);
  }

  private void logTransition(CircuitBreakerOnStateTransitionEvent event) {
    switch (event.getStateTransition()) {
      case CLOSED_TO_OPEN, CLOSED_TO_FORCED_OPEN ->
          log.warn(
              "backend '{}': circuit opened after repeated failures; its items are masked"
                  + " without calling it, probing again in {}",
              name(),
              openDuration);
      case HALF_OPEN_TO_CLOSED -> log.info("backend '{}': circuit closed again", name());
      default -> log.debug("backend '{}': circuit {}", name(), event.getStateTransition());
    }
  }

  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  public Bulkhead bulkhead() {
    return bulkhead;
  }

  public Retry retry() {
    return retry;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Mono<List<ScoreResult>> score(ItemBatch batch) {
    List<ScoreItem> items = batch.items();
    return Mono.defer(() -> delegate.score(batch))
        .timeout(timeLimit.apply(items))
        .transformDeferred(BulkheadOperator.of(bulkhead))
        .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
        .transformDeferred(RetryOperator.of(retry))
        .doOnNext(results -> answered())
        .onErrorResume(e -> Mono.just(masked(items, unwrap(e))));
  }

  @Override
  public Mono<List<ScorerDescriptor>> descriptors() {
    return delegate.descriptors().transformDeferred(TimeLimiterOperator.of(timeLimiter));
  }

  private List<ScoreResult> masked(List<ScoreItem> items, Throwable e) {
    ScoreStatus status = statusOf(e);
    String reason = reasonOf(e);
    if (failing.compareAndSet(false, true)) {
      log.warn("{}; its items are masked ({}) until it answers", reason, status.wire());
    } else {
      log.debug("backend {} failed a batch of {}: {}", name(), items.size(), reason);
    }
    return items.stream()
        .map(item -> ScoreResult.failure(item.id(), status, reason).timed("gateway", 0))
        .toList();
  }

  private void answered() {
    if (failing.compareAndSet(true, false)) {
      log.info("backend '{}' answers again", name());
    }
  }

  private ScoreStatus statusOf(Throwable e) {
    if (e instanceof BulkheadFullException) {
      return ScoreStatus.OVERLOADED;
    }
    if (e instanceof RewardClientException http) {
      return http.status() == 429 || http.status() == 503
          ? ScoreStatus.OVERLOADED
          : http.retryable() ? ScoreStatus.SCORER_UNAVAILABLE : ScoreStatus.ERROR;
    }
    if (e instanceof CallNotPermittedException
        || e instanceof TimeoutException
        || e instanceof IOException) {
      return ScoreStatus.SCORER_UNAVAILABLE;
    }
    return ScoreStatus.ERROR;
  }

  private String reasonOf(Throwable e) {
    String backend = "backend '" + name() + "'";
    if (e instanceof CallNotPermittedException) {
      return backend + " circuit is open after repeated failures; failing fast";
    }
    if (e instanceof BulkheadFullException) {
      return backend + " has too many calls in flight";
    }
    if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
      return backend + " did not answer within its time limit";
    }
    if (e instanceof RewardClientException http) {
      return backend + " answered HTTP " + http.status();
    }
    if (e instanceof IOException) {
      return backend + " is unreachable (" + e.getClass().getSimpleName() + ")";
    }
    return backend + " failed: " + e.getClass().getSimpleName();
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof io.netty.handler.timeout.TimeoutException) {
      return new TimeoutException(t.getClass().getSimpleName());
    }
    return t;
  }

  private static boolean isFailure(Throwable e) {
    Throwable t = unwrap(e);
    return !(t instanceof RewardClientException http) || http.retryable();
  }

  private static Predicate<Throwable> retryable() {
    return e -> {
      Throwable t = unwrap(e);
      if (t instanceof RewardClientException http) {
        return http.retryable();
      }
      return t instanceof IOException
          && !(t instanceof HttpTimeoutException)
          && !(e instanceof TimeoutException);
    };
  }
}
