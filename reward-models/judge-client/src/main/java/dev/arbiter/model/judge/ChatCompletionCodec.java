package dev.arbiter.model.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI chat-completions wire format: request bodies out, responses in. Tolerant of what
 * compatible servers vary (missing usage, legacy {@code tokens}/{@code token_logprobs} logprobs),
 * strict about what a judge needs (a first choice with message content).
 */
final class ChatCompletionCodec {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ChatCompletionCodec() {}

  static String encodeRequest(JudgeClientSettings settings, JudgeRequest request) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("model", settings.model());
    ArrayNode messages = root.putArray("messages");
    for (ChatMessage m : request.messages()) {
      messages.addObject().put("role", m.role()).put("content", m.content());
    }
    root.put(
        "temperature",
        request.temperature() != null ? request.temperature() : settings.temperature());
    root.put(
        "max_tokens", request.maxTokens() != null ? request.maxTokens() : settings.maxTokens());
    root.put("stream", false);
    if (request.logprobs() || request.topLogprobs() != null) {
      root.put("logprobs", true);
      if (request.topLogprobs() != null) {
        root.put("top_logprobs", request.topLogprobs());
      }
    }
    for (Map.Entry<String, Object> e : request.extraBody().entrySet()) {
      root.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
    }
    return MAPPER.writeValueAsString(root);
  }

  static JudgeResponse decodeResponse(String body, double latencyMs) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new JudgeMalformedResponseException(
          "judge response is not JSON: " + OpenAiJudgeClient.abbreviate(body), e);
    }
    if (root == null || !root.isObject()) {
      throw new JudgeMalformedResponseException(
          "judge response should be a JSON object, was: " + OpenAiJudgeClient.abbreviate(body));
    }
    JsonNode choices = root.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      JsonNode error = root.path("error");
      String why = error.isMissingNode() ? "" : " (error: " + error + ")";
      throw new JudgeMalformedResponseException(
          "judge response has no 'choices'" + why + ": " + OpenAiJudgeClient.abbreviate(body));
    }
    JsonNode choice = choices.get(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isString()) {
      throw new JudgeMalformedResponseException(
          "judge response's first choice has no message.content string: "
              + OpenAiJudgeClient.abbreviate(body));
    }
    JsonNode usage = root.path("usage");
    return new JudgeResponse(
        content.asString(),
        choice.path("finish_reason").isString() ? choice.path("finish_reason").asString() : null,
        decodeLogprobs(choice.path("logprobs")),
        root.path("model").isString() ? root.path("model").asString() : null,
        usage.path("prompt_tokens").asInt(-1),
        usage.path("completion_tokens").asInt(-1),
        latencyMs);
  }

  private static List<TokenLogprob> decodeLogprobs(JsonNode logprobs) {
    if (!logprobs.isObject()) {
      return List.of();
    }
    List<TokenLogprob> out = new ArrayList<>();
    JsonNode content = logprobs.path("content");
    if (content.isArray()) {
      for (JsonNode t : content) {
        List<TopLogprob> top = new ArrayList<>();
        for (JsonNode alt : t.path("top_logprobs")) {
          top.add(new TopLogprob(alt.path("token").asString(""), alt.path("logprob").asDouble()));
        }
        out.add(new TokenLogprob(t.path("token").asString(""), t.path("logprob").asDouble(), top));
      }
      return out;
    }
    // Legacy completions shape, still returned by some llama.cpp and vLLM versions.
    JsonNode tokens = logprobs.path("tokens");
    JsonNode values = logprobs.path("token_logprobs");
    JsonNode tops = logprobs.path("top_logprobs");
    for (int i = 0; i < tokens.size(); i++) {
      List<TopLogprob> top = new ArrayList<>();
      JsonNode alts = tops.path(i);
      if (alts.isObject()) {
        for (Map.Entry<String, JsonNode> alt : alts.properties()) {
          top.add(new TopLogprob(alt.getKey(), alt.getValue().asDouble()));
        }
        top.sort((a, b) -> Double.compare(b.logprob(), a.logprob()));
      }
      out.add(new TokenLogprob(tokens.path(i).asString(""), values.path(i).asDouble(), top));
    }
    return out;
  }
}
