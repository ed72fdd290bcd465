package dev.arbiter.model.principle.judge;

/**
 * How the principle scorer asks a generative judge.
 *
 * @param systemPrompt the system message
 * @param userTemplate the user message, with {@code {principles}}, {@code {prompt}}, {@code
 *     {response}} and {@code {scale_max}} slots
 * @param principleTemplate one principle in {@code {principles}}, with {@code {dimension}}, {@code
 *     {definition}} and {@code {negative_definition}} slots
 * @param scaleMax verdicts are 0..scaleMax; up to 9 the verdict is one token and read from logprobs
 * @param topLogprobs alternatives asked for per token (0 turns logprobs off)
 * @param maxChars prompt and response are each cut to this many characters (flagged)
 * @param concurrency most judge calls in flight per scoring call
 */
public record JudgeSettings(
    String systemPrompt,
    String userTemplate,
    String principleTemplate,
    int scaleMax,
    int topLogprobs,
    int maxChars,
    int concurrency) {

  public static final String DEFAULT_SYSTEM =
      "You are a strict and fair judge of AI assistant responses. You rate how well a response"
          + " follows the principles you are given, and answer with a single number.";

  public static final String DEFAULT_USER =
      "Principles:\n{principles}\n\nUser prompt:\n{prompt}\n\nAssistant response:\n{response}\n\n"
          + "On a scale from 0 (violates the principles) to {scale_max} (follows them fully), how"
          + " well does the response follow the principles? Answer with the number only.";

  public static final String DEFAULT_PRINCIPLE = "- {dimension}: {definition}";

  public JudgeSettings {
    systemPrompt = systemPrompt == null ? DEFAULT_SYSTEM : systemPrompt;
    userTemplate = userTemplate == null ? DEFAULT_USER : userTemplate;
    principleTemplate = principleTemplate == null ? DEFAULT_PRINCIPLE : principleTemplate;
    if (!userTemplate.contains("{response}")) {
      throw new IllegalArgumentException("judge user template must contain {response}");
    }
    if (scaleMax < 1 || topLogprobs < 0 || topLogprobs > 20 || maxChars < 1 || concurrency < 1) {
      throw new IllegalArgumentException(
          "judge settings out of range: scale max >= 1, top logprobs 0..20, max chars >= 1,"
              + " concurrency >= 1");
    }
  }

  public static JudgeSettings defaults() {
    return new JudgeSettings(null, null, null, 9, 20, 32_000, 64);
  }
}
