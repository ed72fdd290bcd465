package dev.arbiter.verifier.rules.shaping;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.verifier.rules.internal.NoReference;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import dev.arbiter.verifier.rules.text.TagPattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code format}: open-r1's {@code format_reward} (1 when the response is {@code
 * <think>\n…\n</think>\n<answer>\n…\n</answer>}, as its regex with {@code re.DOTALL | re.MULTILINE}
 * accepts it) and {@code tag_count_reward} (0.25 for each of the four tags present exactly once
 * with its newlines). Total: {@code format + tag_count} (open-r1's default recipe runs both), or
 * {@code format} alone with {@code tag_count: false}.
 */
public final class FormatScorer extends RuleScorer<FormatScorer.Options> {

  @JsonClassDescription("format options")
  record Options(
      @JsonPropertyDescription("add open-r1's tag_count_reward (0 to 1) to the total")
          Boolean tagCount) {
    Options {
      tagCount = tagCount == null || tagCount;
    }
  }

  /** {@code ^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$} with DOTALL | MULTILINE. */
  private static final TagPattern THINK_ANSWER =
      TagPattern.of(TagPattern.End.LINE, "<think>\n", "\n</think>\n<answer>\n", "\n</answer>");

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "format",
          VERSION,
          "open-r1 format reward (<think>\\n…\\n</think>\\n<answer>\\n…\\n</answer>) + tag count",
          RecordSchemas.reference(NoReference.class),
          RecordSchemas.options(Options.class));

  public FormatScorer(int maxResponseChars) {
    super(DESCRIPTOR, Options.class, maxResponseChars);
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item, Options o) {
    boolean withTagCount = o.tagCount();
    String text = item.response();
    double format = THINK_ANSWER.matches(text) ? 1 : 0;
    double tags = tagCount(text);
    Map<String, Double> components = new LinkedHashMap<>();
    components.put("format", format);
    components.put("tag_count", tags);
    String reason =
        format == 1
            ? "response is <think>\\n…\\n</think>\\n<answer>\\n…\\n</answer>"
            : "response is not <think>\\n…\\n</think>\\n<answer>\\n…\\n</answer>";
    return ScoreResult.ok(
        item.id(), format + (withTagCount ? tags : 0), components, reason(reason));
  }

  /** open-r1's {@code count_tags}: each of the four tags exactly once, with its newlines. */
  static double tagCount(String text) {
    double count = 0;
    if (TagPattern.count(text, "<think>\n") == 1) {
      count += 0.25;
    }
    if (TagPattern.count(text, "\n</think>\n") == 1) {
      count += 0.25;
    }
    if (TagPattern.count(text, "\n<answer>\n") == 1) {
      count += 0.25;
    }
    if (TagPattern.count(text, "\n</answer>") == 1) {
      count += 0.25;
    }
    return count;
  }
}
