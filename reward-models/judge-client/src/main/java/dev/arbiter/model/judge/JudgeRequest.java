package dev.arbiter.model.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One chat completion to ask of the judge. Null numeric fields fall back to the client's {@link
 * JudgeClientSettings}.
 *
 * @param messages the conversation, at least one message
 * @param temperature sampling temperature, or null for the configured default
 * @param maxTokens completion length bound, or null for the configured default
 * @param logprobs ask the server for per-token logprobs
 * @param topLogprobs how many alternatives per token (0-20), or null; implies {@code logprobs}
 * @param extraBody server-specific members merged into the request body (e.g. vLLM's {@code
 *     guided_choice}, {@code seed}, {@code response_format}); never null
 */
public record JudgeRequest(
    List<ChatMessage> messages,
    Double temperature,
    Integer maxTokens,
    boolean logprobs,
    Integer topLogprobs,
    Map<String, Object> extraBody) {

  public JudgeRequest {
    if (messages == null || messages.isEmpty()) {
      throw new IllegalArgumentException("a judge request needs at least one message");
    }
    messages = List.copyOf(messages);
    if (topLogprobs != null && (topLogprobs < 0 || topLogprobs > 20)) {
      throw new IllegalArgumentException("top_logprobs should be 0..20, was " + topLogprobs);
    }
    extraBody = extraBody == null ? Map.of() : Map.copyOf(extraBody);
  }

  /** A request of these messages with the configured defaults. */
  public static JudgeRequest of(List<ChatMessage> messages) {
    return new JudgeRequest(messages, null, null, false, null, Map.of());
  }

  /** A system prompt (may be null or blank: omitted) and one user message. */
  public static JudgeRequest of(String system, String user) {
    List<ChatMessage> messages = new ArrayList<>(2);
    if (system != null && !system.isBlank()) {
      messages.add(ChatMessage.system(system));
    }
    messages.add(ChatMessage.user(user));
    return of(messages);
  }

  /** This request asking for logprobs with {@code top} alternatives per token. */
  public JudgeRequest withLogprobs(int top) {
    return new JudgeRequest(messages, temperature, maxTokens, true, top, extraBody);
  }

  public JudgeRequest withTemperature(double value) {
    return new JudgeRequest(messages, value, maxTokens, logprobs, topLogprobs, extraBody);
  }

  public JudgeRequest withMaxTokens(int value) {
    return new JudgeRequest(messages, temperature, value, logprobs, topLogprobs, extraBody);
  }

  public JudgeRequest withExtraBody(Map<String, Object> value) {
    return new JudgeRequest(messages, temperature, maxTokens, logprobs, topLogprobs, value);
  }
}
