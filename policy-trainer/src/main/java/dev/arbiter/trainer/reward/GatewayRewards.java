package dev.arbiter.trainer.reward;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.api.client.RewardClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scores rollout batches through the gateway's {@code /v1/score}, asynchronously so the trainer
 * generates the next batch meanwhile. Scoring is a pure function of the items, so a failed call
 * (connection refused, timeout, 5xx, 429) is retried with exponential backoff; a 4xx other than 429
 * is the trainer's own bug and fails at once. When retries run out the returned future fails with
 * {@link GatewayUnavailableException}.
 */
public final class GatewayRewards {

  private final RewardClient client;
  private final int attempts;
  private final Duration backoff;
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
    this.attempts = attempts;
    this.backoff = backoff;
  }

  /** Results aligned with {@code items}. */
  public CompletableFuture<List<ScoreResult>> score(List<ScoreItem> items) {
    long start = System.nanoTime();
    return attempt(ScoreRequest.of(items), 1)
        .thenApply(
            response -> {
              calls.increment();
              latencyMs.add((System.nanoTime() - start) / 1e6);
              if (response.results().size() != items.size()) {
                throw new IllegalStateException(
                    "gateway answered "
                        + response.results().size()
                        + " results for "
                        + items.size()
                        + " items");
              }
              return response.results();
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

  private CompletableFuture<ScoreResponse> attempt(ScoreRequest request, int n) {
    return client
        .score(request)
        .handle(
            (response, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(response);
              }
              Throwable cause = unwrap(error);
              if (!retryable(cause) || n >= attempts) {
                return CompletableFuture.<ScoreResponse>failedFuture(
                    new GatewayUnavailableException(
                        "gateway "
                            + client.baseUrl()
                            + " did not score the batch after "
                            + n
                            + " attempt(s): "
                            + cause,
                        cause));
              }
              long delay = backoff.toMillis() << (n - 1);
              Executor later = CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS);
              return CompletableFuture.supplyAsync(() -> null, later)
                  .thenCompose(ignored -> attempt(request, n + 1));
            })
        .thenCompose(stage -> (CompletionStage<ScoreResponse>) stage);
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
