package dev.arbiter.model.judge.testing;

import dev.arbiter.model.judge.TokenLogprob;
import java.time.Duration;
import java.util.List;

/**
 * One scripted answer of {@link ScriptedJudgeServer}.
 *
 * @param status HTTP status
 * @param content the assistant message text of a 200 chat completion; null when {@code rawBody} is
 *     used
 * @param rawBody a body sent verbatim (error bodies, malformed JSON); null for a chat completion
 * @param logprobs per-token logprobs to include in a chat completion; empty for none
 * @param finishReason the choice's {@code finish_reason}
 * @param delay wait before answering
 * @param drop close the connection without any response
 */
public record ScriptedReply(
    int status,
    String content,
    String rawBody,
    List<TokenLogprob> logprobs,
    String finishReason,
    Duration delay,
    boolean drop) {

  public ScriptedReply {
    logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    delay = delay == null ? Duration.ZERO : delay;
  }

  /** A 200 chat completion whose message is {@code content}. */
  public static ScriptedReply text(String content) {
    return new ScriptedReply(200, content, null, List.of(), "stop", Duration.ZERO, false);
  }

  /** An answer of {@code status} with {@code body} sent verbatim. */
  public static ScriptedReply status(int status, String body) {
    return new ScriptedReply(status, null, body, List.of(), null, Duration.ZERO, false);
  }

  /** A 200 whose body is {@code body} verbatim (e.g. malformed JSON). */
  public static ScriptedReply raw(String body) {
    return status(200, body);
  }

  /** The connection is closed without a response. */
  public static ScriptedReply dropConnection() {
    return new ScriptedReply(0, null, null, List.of(), null, Duration.ZERO, true);
  }

  /** This reply after {@code wait}. */
  public ScriptedReply delayed(Duration wait) {
    return new ScriptedReply(status, content, rawBody, logprobs, finishReason, wait, drop);
  }

  /** This chat completion with per-token logprobs. */
  public ScriptedReply withLogprobs(List<TokenLogprob> tokens) {
    return new ScriptedReply(status, content, rawBody, tokens, finishReason, delay, drop);
  }

  /** This chat completion with another {@code finish_reason} (e.g. {@code length}). */
  public ScriptedReply withFinishReason(String reason) {
    return new ScriptedReply(status, content, rawBody, logprobs, reason, delay, drop);
  }
}
