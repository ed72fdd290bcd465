package dev.arbiter.trainer.reward;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.api.client.RewardClientException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scores rollout batches through the gateway's {@code /v1/score}, asynchronously so the trainer
 * generates the next batch meanwhile. Scoring is a pure function of the items, so a failed call
 * (connection refused, timeout, 5xx, 429) is retried with exponential backoff by a Resilience4j
 * {@link Retry}, as the gateway retries its backends; a 4xx other than 429 is the trainer's own bug
 * and fails at once. When retries run out the returned future fails with {@link
 * GatewayUnavailableException}.
 */
public final class GatewayRewards {

  /** Waits between retries; one daemon thread, since the calls themselves are asynchronous. */
  private static final ScheduledExecutorService RETRY_TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "gateway-rewards-retry");
            t.setDaemon(true);
            return t;
          });

  private final RewardClient client;
  private final Retry retry;
  private final LongAdder calls = new LongAdder();
  private final DoubleAdder latencyMs = new DoubleAdder();

  /**
   * @param client the gateway client
   * @param attempts total tries per batch (at least 1)
   * @param backoff the first retry delay, doubled per retry
   */
  public GatewayRewards(RewardClient client, int attempts, Duration backoff) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts should be at least 1");
    }
    this.client = client;
    this.retry =
        Retry.of(
            "gateway-rewards",
            RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(backoff, 2))
                .retryOnException(e -> retryable(unwrap(e)))
                .failAfterMaxAttempts(false)
                .build());
  }

  /** Results aligned with {@code items}. */
  public CompletableFuture<List<ScoreResult>> score(List<ScoreItem> items) {
    long start = System.nanoTime();
    ScoreRequest request = ScoreRequest.of(items);
    AtomicInteger tries = new AtomicInteger();
    return retry
        .executeCompletionStage(
            RETRY_TIMER,
            () -> {
              tries.incrementAndGet();
              return client.score(request);
            })
        .toCompletableFuture()
        .handle(
            (response, error) -> {
              if (error != null) {
                Throwable cause = unwrap(error);
                throw new GatewayUnavailableException(
                    "gateway "
                        + client.baseUrl()
                        + " did not score the batch after "
                        + tries.get()
                        + " attempt(s): "
                        + cause,
                    cause);
              }
              calls.increment();
              latencyMs.add((System.nanoTime() - start) / 1e6);
              return checked(response, items);
            });
  }

  /** {@link #score} and wait: the results, or the {@link GatewayUnavailableException}. */
  public List<ScoreResult> scoreNow(List<ScoreItem> items) {
    return join(score(items));
  }

  /** Waits for {@code future}, rethrowing the failure's cause rather than its wrapper. */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static List<ScoreResult> checked(ScoreResponse response, List<ScoreItem> items) {
    if (response.results().size() != items.size()) {
      throw new IllegalStateException(
          "gateway answered "
              + response.results().size()
              + " results for "
              + items.size()
              + " items");
    }
    return response.results();
  }

  private static boolean retryable(Throwable error) {
    if (error instanceof RewardClientException e) {
      return e.status() >= 500 || e.status() == 429;
    }
    return true;
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /** Mean round-trip time of successful batches, in milliseconds (0 before the first). */
  public double meanLatencyMs() {
    long n = calls.sum();
    return n == 0 ? 0 : latencyMs.sum() / n;
  }
}
