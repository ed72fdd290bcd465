package dev.arbiter.model.judge;

import java.util.List;

/**
 * The judge's answer: the first choice's message text and, when the server returned them, its
 * per-token logprobs.
 *
 * @param text the message content (never null; may be empty)
 * @param finishReason {@code stop}, {@code length}, ... or null when the server omits it
 * @param logprobs per generated token; empty when the server returned none
 * @param model the model the server says answered, or null
 * @param promptTokens usage as reported, or -1
 * @param completionTokens usage as reported, or -1
 * @param latencyMs wall time of the successful attempt, in milliseconds
 */
public record JudgeResponse(
    String text,
    String finishReason,
    List<TokenLogprob> logprobs,
    String model,
    int promptTokens,
    int completionTokens,
    double latencyMs) {

  public JudgeResponse {
    text = text == null ? "" : text;
    logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
  }

  /** True when the server returned per-token logprobs. */
  public boolean hasLogprobs() {
    return !logprobs.isEmpty();
  }

  /** True when generation stopped at the token limit (the text is probably cut). */
  public boolean truncated() {
    return "length".equals(finishReason);
  }
}
