package dev.arbiter.model.judge.testing;

import dev.arbiter.model.judge.ChatMessage;
import java.util.List;

/**
 * A chat-completions request as the scripted server received it.
 *
 * @param model the {@code model} member
 * @param messages the messages in order
 * @param logprobs whether {@code logprobs} was true
 * @param topLogprobs the {@code top_logprobs} member, or null
 * @param authorization the {@code Authorization} header, or null
 * @param body the raw body
 */
public record RecordedChat(
    String model,
    List<ChatMessage> messages,
    boolean logprobs,
    Integer topLogprobs,
    String authorization,
    String body) {

  /** The content of the last user message, or "" when there is none. */
  public String lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).role())) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  /** The system message's content, or "" when there is none. */
  public String systemMessage() {
    return messages.stream()
        .filter(m -> "system".equals(m.role()))
        .map(ChatMessage::content)
        .findFirst()
        .orElse("");
  }
}
