package dev.arbiter.model.judge;

import reactor.core.publisher.Mono;

/**
 * Asks a generative judge for one chat completion. The seam between judge-based scorers and the
 * backend: tests replace it with a lambda or point {@link OpenAiJudgeClient} at a scripted server.
 *
 * <p>Failures arrive as {@link JudgeException} subclasses: {@link JudgeTimeoutException}, {@link
 * JudgeUnavailableException} (connection refused, 5xx after retries, {@link
 * JudgeCircuitOpenException}), {@link JudgeRejectedException} (4xx: the request is wrong) and
 * {@link JudgeMalformedResponseException} (the body is not a chat completion).
 */
@FunctionalInterface
public interface JudgeClient {

  /** The completion, asynchronously; never blocks the caller. */
  Mono<JudgeResponse> chat(JudgeRequest request);

  /**
   * The completion, blocking the calling thread: for scorers, which run on worker threads. Never
   * call it on an event-loop thread.
   *
   * @throws JudgeException on any failure, with the subclass saying which
   */
  default JudgeResponse complete(JudgeRequest request) {
    try {
      JudgeResponse response = chat(request).block();
      if (response == null) {
        throw new JudgeMalformedResponseException("the judge client completed without a response");
      }
      return response;
    } catch (JudgeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new JudgeUnavailableException("judge call failed: " + e, e);
    }
  }

  /** Shorthand for {@code complete(JudgeRequest.of(system, user)).text()}. */
  default String complete(String system, String user) {
    return complete(JudgeRequest.of(system, user)).text();
  }
}
