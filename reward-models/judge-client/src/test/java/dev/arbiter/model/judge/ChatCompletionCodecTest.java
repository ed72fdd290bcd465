package dev.arbiter.model.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatCompletionCodecTest {

  @Test
  void decodeResponse_legacyLogprobsShape() {
    String body =
        """
        {"choices":[{"message":{"role":"assistant","content":"A"},"finish_reason":"length",
          "logprobs":{"tokens":["A"],"token_logprobs":[-0.5],"top_logprobs":[{"B":-1.5,"A":-0.5}]}}]}
        """;

    JudgeResponse r = ChatCompletionCodec.decodeResponse(body, 1.0);

    assertThat(r.truncated()).isTrue();
    assertThat(r.promptTokens()).isEqualTo(-1);
    assertThat(r.logprobs())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.token()).isEqualTo("A");
              assertThat(t.top()).extracting(TopLogprob::token).containsExactly("A", "B");
            });
  }

  @Test
  void decodeResponse_nullContentIsMalformed() {
    assertThatThrownBy(
            () ->
                ChatCompletionCodec.decodeResponse(
                    "{\"choices\":[{\"message\":{\"content\":null}}]}", 1))
        .isInstanceOf(JudgeMalformedResponseException.class)
        .hasMessageContaining("message.content");
  }

  @Test
  void encodeRequest_mergesExtraBodyAndDefaults() {
    JudgeClientSettings s = JudgeClientSettings.of("http://h:1", "m");
    String body =
        ChatCompletionCodec.encodeRequest(
            s,
            JudgeRequest.of(List.of(ChatMessage.user("hi")))
                .withExtraBody(Map.of("guided_choice", List.of("Yes", "No"))));

    assertThat(body)
        .contains("\"model\":\"m\"")
        .contains("\"max_tokens\":512")
        .contains("\"temperature\":0.0")
        .contains("\"guided_choice\":[\"Yes\",\"No\"]")
        .doesNotContain("logprobs");
  }

  @Test
  void completionsUrl_acceptsBaseWithOrWithoutV1() {
    assertThat(JudgeClientSettings.of("http://h:8000", "m").completionsUrl())
        .isEqualTo("http://h:8000/v1/chat/completions");
    assertThat(JudgeClientSettings.of("http://h:11434/v1/", "m").completionsUrl())
        .isEqualTo("http://h:11434/v1/chat/completions");
    assertThatThrownBy(() -> JudgeClientSettings.of("localhost:8000", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute");
  }
}
