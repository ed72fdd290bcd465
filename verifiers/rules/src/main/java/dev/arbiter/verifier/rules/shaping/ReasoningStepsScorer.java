package dev.arbiter.verifier.rules.shaping;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.verifier.rules.internal.NoReference;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import java.util.Map;

/**
 * {@code reasoning-steps}: open-r1's {@code reasoning_steps_reward}, {@code min(1, count / 3)}
 * where {@code count} is the number of non-overlapping matches of {@code (Step \d+:|^\d+\.|\n-|\n\*
 * |First,|Second,|Next,|Finally,)} found left to right by {@code re.findall} (no {@code
 * re.MULTILINE}: {@code ^\d+\.} only at the very start of the response). Scanned by hand, in one
 * pass, with the alternatives tried in that order at each position.
 */
public final class ReasoningStepsScorer extends RuleScorer<ReasoningStepsScorer.Options> {

  @JsonClassDescription("reasoning-steps options")
  record Options(
      @JsonPropertyDescription("step markers that earn the full reward (open-r1: 3)")
          @Range(min = 1, max = 1000)
          Integer target) {
    Options {
      target = target == null ? 3 : target;
    }
  }

  private static final String[] WORDS = {"First,", "Second,", "Next,", "Finally,"};

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "reasoning-steps",
          VERSION,
          "open-r1 reasoning-steps reward: min(1, step markers / 3)",
          RecordSchemas.reference(NoReference.class),
          RecordSchemas.options(Options.class));

  public ReasoningStepsScorer(int maxResponseChars) {
    super(DESCRIPTOR, Options.class, maxResponseChars);
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item, Options o) {
    int target = o.target();
    int count = count(item.response());
    double reward = Math.min(1.0, (double) count / target);
    Map<String, Object> details = reason(count + " step markers (full reward at " + target + ")");
    details.put("steps", count);
    return ScoreResult.ok(item.id(), reward, Map.of("reasoning_steps", reward), details);
  }

  /** {@code len(re.findall(pattern, text))}. */
  static int count(String text) {
    int n = text.length();
    int count = 0;
    int i = 0;
    while (i < n) {
      int len = matchAt(text, i);
      if (len > 0) {
        count++;
        i += len;
      } else {
        i++;
      }
    }
    return count;
  }

  /** Length of the first alternative that matches at {@code i}, or 0. */
  private static int matchAt(String text, int i) {
    if (text.startsWith("Step ", i)) {
      int j = digits(text, i + 5);
      if (j > i + 5 && j < text.length() && text.charAt(j) == ':') {
        return j + 1 - i;
      }
    }
    if (i == 0) {
      int j = digits(text, 0);
      if (j > 0 && j < text.length() && text.charAt(j) == '.') {
        return j + 1;
      }
    }
    if (text.charAt(i) == '\n' && i + 1 < text.length()) {
      char next = text.charAt(i + 1);
      if (next == '-' || next == '*') {
        return 2;
      }
    }
    for (String w : WORDS) {
      if (text.startsWith(w, i)) {
        return w.length();
      }
    }
    return 0;
  }

  private static int digits(String text, int from) {
    int j = from;
    while (j < text.length() && Character.isDigit(text.charAt(j))) {
      j++;
    }
    return j;
  }
}
