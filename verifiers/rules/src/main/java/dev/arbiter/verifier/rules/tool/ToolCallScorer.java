package dev.arbiter.verifier.rules.tool;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.api.fields.SchemaAs;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import dev.arbiter.verifier.rules.text.TagPattern;
import dev.arbiter.verifier.rules.tool.ToolRlCorrectness.Granularity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tool-call}: ToolRL's reward, {@code format + correctness}. {@code format} is 1 when the
 * (stripped) response has the layout the gold calls for — {@code <think>…</think>} then a {@code
 * <tool_call>} block and/or a {@code <response>} block, each tag exactly once — else 0. {@code
 * correctness} is {@link ToolRlCorrectness} in {@code [min_reward, max_reward]} ({@code [−3, 3]}),
 * {@code min_reward} when the response's calls cannot be read, and 0 when the gold has no call.
 */
public final class ToolCallScorer extends RuleScorer<ToolCallScorer.Options> {

  @JsonClassDescription("tool-call options")
  record Options(
      @JsonPropertyDescription("ToolRL correctness variant") Granularity granularity,
      @JsonPropertyDescription("correctness of an exact match") @Range(min = -100, max = 100)
          Double maxReward,
      @JsonPropertyDescription("correctness of unreadable or unmatched calls")
          @Range(min = -100, max = 100)
          Double minReward,
      @JsonPropertyDescription("add the format reward (0/1) to the total") Boolean format,
      @JsonPropertyDescription(
              "also read calls given as bare JSON (no <tool_call> tags), e.g. OpenAI tool_calls;"
                  + " ToolRL gives them min_reward")
          Boolean untagged) {
    Options {
      granularity = granularity == null ? Granularity.FINE : granularity;
      maxReward = maxReward == null ? 3.0 : maxReward;
      minReward = minReward == null ? -3.0 : minReward;
      format = format == null || format;
      untagged = untagged != null && untagged;
    }
  }

  /** The gold turn; {@code tool_calls} stays raw for the same call reader as answers. */
  @JsonClassDescription("the gold turn: ToolRL's raw string, or structured calls")
  record Reference(
      @JsonPropertyDescription(
              "ToolRL's ground truth, e.g. <think>…</think>\\n<tool_call>\\n{\"name\": …,"
                  + " \"parameters\": {…}}\\n</tool_call>")
          String answer,
      @JsonPropertyDescription(
              "structured gold calls: [{name, parameters|arguments}] (empty: no call)")
          @SchemaAs(GoldCall[].class)
          Object toolCalls,
      @JsonPropertyDescription("structured: the gold has a <response> block")
          @SchemaAs(String.class)
          Object response) {}

  /** The canonical shape of a structured gold call, for the schema. */
  @JsonClassDescription("a tool call")
  record GoldCall(
      @JsonPropertyDescription("the tool's name") String name,
      @JsonPropertyDescription("its arguments (arguments is accepted too)")
          Map<String, Object> parameters) {}

  private static final TagPattern RESPONSE_ONLY =
      TagPattern.of(TagPattern.End.TEXT, "<think>", "</think>\n<response>", "</response>");
  private static final TagPattern CALL_ONLY =
      TagPattern.of(TagPattern.End.TEXT, "<think>", "</think>\n<tool_call>\n", "\n</tool_call>");
  private static final TagPattern CALL_AND_RESPONSE =
      TagPattern.of(
          TagPattern.End.TEXT,
          "<think>",
          "</think>\n<tool_call>\n",
          "\n</tool_call>\n<response>",
          "</response>");
  private static final TagPattern THINK_ONLY =
      TagPattern.of(TagPattern.End.TEXT, "<think>", "</think>");

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "tool-call",
          VERSION,
          "ToolRL reward: format (think + tool_call/response tags as the gold has them) +"
              + " tool-call correctness in [-3, 3]",
          RecordSchemas.reference(Reference.class),
          RecordSchemas.options(Options.class));

  public ToolCallScorer(int maxResponseChars) {
    super(DESCRIPTOR, Options.class, maxResponseChars);
  }

  @Override
  protected double floor(Options options) {
    return options.minReward();
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item, Options o) {
    Granularity granularity = o.granularity();
    double max = o.maxReward();
    double min = o.minReward();
    if (min > max) {
      throw InvalidItemException.option("options.min_reward must not exceed options.max_reward");
    }
    boolean withFormat = o.format();
    boolean untagged = o.untagged();
    Gold gold = gold(ItemFields.reference(item.reference(), Reference.class));

    String response = item.response().strip();
    double format = format(response, gold) ? 1 : 0;
    Map<String, Object> details = new LinkedHashMap<>();
    double correctness;
    if (!gold.hasCall()) {
      correctness = 0;
      details.put("reason", "gold has no tool call: correctness 0");
    } else {
      try {
        List<ToolCall> predicted = ToolCallExtractor.extract(response, untagged);
        correctness = ToolRlCorrectness.reward(gold.calls(), predicted, granularity, max, min);
        details.put("predicted_calls", predicted.size());
        details.put(
            "reason",
            correctness == max
                ? "tool calls match the gold exactly"
                : "tool calls partly match the gold ("
                    + granularity.name().toLowerCase(java.util.Locale.ROOT)
                    + ")");
      } catch (IllegalArgumentException e) {
        correctness = min;
        details.put("reason", "unreadable tool calls: " + e.getMessage());
      }
    }
    details.put("gold_calls", gold.calls().size());
    Map<String, Double> components = new LinkedHashMap<>();
    if (withFormat) {
      components.put("format", format);
    }
    components.put("correctness", correctness);
    return ScoreResult.ok(item.id(), correctness + (withFormat ? format : 0), components, details);
  }

  /** ToolRL's {@code customize_format_reward_func}: the layout the gold's tags call for. */
  static boolean format(String response, Gold gold) {
    if (gold.hasResponse() && !gold.hasCall()) {
      return RESPONSE_ONLY.matches(response) && once(response, "<response>", "</response>");
    }
    if (!gold.hasResponse() && gold.hasCall()) {
      return CALL_ONLY.matches(response) && once(response, "<tool_call>", "</tool_call>");
    }
    if (gold.hasResponse()) {
      return CALL_AND_RESPONSE.matches(response)
          && once(response, "<tool_call>", "</tool_call>", "<response>", "</response>");
    }
    return THINK_ONLY.matches(response);
  }

  private static boolean once(String text, String... tags) {
    for (String tag : tags) {
      if (TagPattern.count(text, tag) != 1) {
        return false;
      }
    }
    return true;
  }

  /** What the gold turn holds. */
  record Gold(List<ToolCall> calls, boolean hasCall, boolean hasResponse) {}

  static Gold gold(Reference r) {
    if (r.answer() != null) {
      String answer = r.answer();
      boolean hasCall = answer.contains("<tool_call>");
      boolean hasResponse = answer.contains("<response>");
      if (!hasCall) {
        return new Gold(List.of(), false, hasResponse);
      }
      int open = answer.indexOf("<tool_call>") + "<tool_call>".length();
      int close = answer.indexOf("</tool_call>", open);
      if (close < 0) {
        throw InvalidItemException.reference(
            "reference.answer has <tool_call> but no </tool_call>");
      }
      try {
        List<ToolCall> calls =
            ToolCallExtractor.extract(
                answer.substring(open - "<tool_call>".length(), close + "</tool_call>".length()),
                false);
        return new Gold(calls, true, hasResponse);
      } catch (IllegalArgumentException e) {
        throw InvalidItemException.reference("reference.answer: " + e.getMessage());
      }
    }
    if (r.toolCalls() != null) {
      List<ToolCall> calls;
      try {
        calls =
            r.toolCalls() instanceof List<?> l && l.isEmpty()
                ? List.of()
                : ToolCall.readAll(r.toolCalls());
      } catch (IllegalArgumentException e) {
        throw InvalidItemException.reference("reference.tool_calls: " + e.getMessage());
      }
      return new Gold(calls, !calls.isEmpty(), r.response() != null);
    }
    throw InvalidItemException.reference(
        "reference needs 'answer' (ToolRL's ground-truth string) or 'tool_calls'");
  }
}
