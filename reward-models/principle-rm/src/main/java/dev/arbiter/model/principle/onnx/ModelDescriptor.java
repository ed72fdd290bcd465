package dev.arbiter.model.principle.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * How to feed a sequence-classification reward model and read its reward: the {@code
 * reward-model.json} beside {@code model.onnx} and {@code tokenizer.json} in a model directory.
 *
 * @param name a label for logs and the scorer descriptor (default: the directory name)
 * @param template the model input with {@code {principles}}, {@code {prompt}} and {@code
 *     {response}} slots
 * @param principleTemplate one principle, with {@code {dimension}}, {@code {definition}} and {@code
 *     {negative_definition}} slots
 * @param principleSeparator between rendered principles
 * @param maxLength most tokens per input; longer inputs are truncated (prompt first, from the left)
 * @param rewardIndex which logit is the reward
 * @param normalization {@code none}, {@code sigmoid}, {@code tanh} or {@code softmax} (of all
 *     logits, taking {@code reward_index})
 * @param output the output tensor to read; null for the graph's first output
 */
public record ModelDescriptor(
    String name,
    String template,
    String principleTemplate,
    String principleSeparator,
    Integer maxLength,
    Integer rewardIndex,
    String normalization,
    String output) {

  public static final String FILE = "reward-model.json";
  public static final String DEFAULT_TEMPLATE =
      "Principles:\n{principles}\n\nUser: {prompt}\n\nAssistant: {response}";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public ModelDescriptor {
    template = template == null ? DEFAULT_TEMPLATE : template;
    principleTemplate =
        principleTemplate == null ? "- {dimension}: {definition}" : principleTemplate;
    principleSeparator = principleSeparator == null ? "\n" : principleSeparator;
    maxLength = maxLength == null ? 512 : maxLength;
    rewardIndex = rewardIndex == null ? 0 : rewardIndex;
    normalization = normalization == null ? "none" : normalization.toLowerCase(Locale.ROOT).strip();
    if (!template.contains("{response}")) {
      throw new IllegalArgumentException("template must contain a {response} slot: " + template);
    }
    if (maxLength < 8) {
      throw new IllegalArgumentException("max_length must be at least 8, is " + maxLength);
    }
    if (rewardIndex < 0) {
      throw new IllegalArgumentException("reward_index must be >= 0, is " + rewardIndex);
    }
    if (!java.util.Set.of("none", "sigmoid", "tanh", "softmax").contains(normalization)) {
      throw new IllegalArgumentException(
          "normalization '"
              + normalization
              + "' is unknown; expected none, sigmoid, tanh or softmax");
    }
  }

  /** Reads {@code dir/reward-model.json}; a missing file means all defaults. */
  public static ModelDescriptor read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return new ModelDescriptor(
          dir.getFileName().toString(), null, null, null, null, null, null, null);
    }
    try {
      ModelDescriptor d = JSON.readValue(file.toFile(), ModelDescriptor.class);
      return d.name() != null ? d : d.withName(dir.getFileName().toString());
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          file + " is not a valid model descriptor: " + e.getOriginalMessage(), e);
    }
  }

  private ModelDescriptor withName(String other) {
    return new ModelDescriptor(
        other,
        template,
        principleTemplate,
        principleSeparator,
        maxLength,
        rewardIndex,
        normalization,
        output);
  }

  /** The reward read from one row of logits. */
  public double reward(float[] logits) {
    if (rewardIndex >= logits.length) {
      throw new IllegalStateException(
          "reward_index " + rewardIndex + " is outside the model's " + logits.length + " logits");
    }
    double x = logits[rewardIndex];
    return switch (normalization) {
      case "sigmoid" -> 1 / (1 + Math.exp(-x));
      case "tanh" -> Math.tanh(x);
      case "softmax" -> softmax(logits, rewardIndex);
      default -> x;
    };
  }

  private static double softmax(float[] logits, int index) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (float v : logits) {
      sum += Math.exp(v - max);
    }
    return Math.exp(logits[index] - max) / sum;
  }
}
