package dev.arbiter.model.judge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Asks a generative judge for one chat completion. The seam between judge-based scorers and the
 * backend: tests replace it with a lambda or point {@link OpenAiJudgeClient} at a scripted server.
 * Plain Java: whatever the client runs on (Reactor for {@link OpenAiJudgeClient}) stays inside it.
 *
 * <p>Failures arrive as {@link JudgeException} subclasses: {@link JudgeTimeoutException}, {@link
 * JudgeUnavailableException} (connection refused, 5xx after retries, {@link
 * JudgeCircuitOpenException}), {@link JudgeRejectedException} (4xx: the request is wrong) and
 * {@link JudgeMalformedResponseException} (the body is not a chat completion).
 */
@FunctionalInterface
public interface JudgeClient {

  /**
   * The completion, asynchronously; never blocks the caller. The future fails with a {@link
   * JudgeException}; cancelling it abandons the call (and its retries).
   */
  CompletableFuture<JudgeResponse> chat(JudgeRequest request);

  /**
   * The completion, blocking the calling thread: for scorers, which run on worker threads. The
   * client's own time limits bound the wait. An interrupt (the serving layer gave up on the item)
   * cancels the call and ends the wait with a {@link JudgeUnavailableException}, the thread's
   * interrupt flag set again.
   *
   * @throws JudgeException on any failure, with the subclass saying which
   */
  default JudgeResponse complete(JudgeRequest request) {
    CompletableFuture<JudgeResponse> call;
    try {
      call = chat(request);
    } catch (JudgeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new JudgeUnavailableException("judge call failed: " + e, e);
    }
    JudgeResponse response;
    try {
      response = call.get();
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new JudgeUnavailableException("interrupted while waiting for the judge", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof JudgeException judge) {
        throw judge;
      }
      throw new JudgeUnavailableException("judge call failed: " + cause, cause);
    }
    if (response == null) {
      throw new JudgeMalformedResponseException("the judge client completed without a response");
    }
    return response;
  }

  /** Shorthand for {@code complete(JudgeRequest.of(system, user)).text()}. */
  default String complete(String system, String user) {
    return complete(JudgeRequest.of(system, user)).text();
  }
}
