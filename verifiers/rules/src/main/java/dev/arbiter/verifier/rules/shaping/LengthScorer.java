package dev.arbiter.verifier.rules.shaping;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.verifier.rules.internal.NoReference;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import dev.arbiter.verifier.rules.text.Words;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code length}: two published length rewards.
 *
 * <ul>
 *   <li>{@code mode: cosine} — open-r1's {@code get_cosine_scaled_reward} (after Demystifying Long
 *       CoT): with {@code progress = length / max_len}, {@code r = lo + (hi − lo) · (1 + cos(π ·
 *       progress)) / 2}, where {@code (lo, hi)} is {@code (min_value_correct, max_value_correct)}
 *       for a correct answer and {@code (max_value_wrong, min_value_wrong)} for a wrong one. Which
 *       one applies comes from {@code options.correct}; the result always carries both as
 *       components {@code if_correct} and {@code if_wrong}, so a gateway profile can key it on
 *       another scorer's verdict ({@code keyed_on}).
 *   <li>{@code mode: overlong} — DAPO's soft overlong punishment (Eq. 13, open-r1's {@code
 *       get_soft_overlong_punishment}): 0 up to {@code max_completion_len − soft_punish_cache},
 *       then linearly down to −1 at {@code max_completion_len}, −1 beyond.
 * </ul>
 *
 * The length is {@code options.tokens} when the trainer gives it (DAPO counts tokens), else the
 * response's characters ({@code unit: chars}, open-r1's {@code len(content)}) or words.
 */
public final class LengthScorer extends RuleScorer<LengthScorer.Options> {

  /** Which published length reward. */
  public enum Mode {
    COSINE,
    OVERLONG
  }

  /** What the length counts when no token count is given. */
  public enum Unit {
    CHARS,
    WORDS
  }

  @JsonClassDescription("length options")
  record Options(
      @JsonPropertyDescription("which length reward") Mode mode,
      @JsonPropertyDescription(
              "cosine: whether the answer is correct (a profile keys on another scorer instead)")
          Boolean correct,
      @JsonPropertyDescription(
              "the response's length in tokens, as the trainer counted it (default: count unit)")
          @Range(min = 0, max = Integer.MAX_VALUE)
          Integer tokens,
      @JsonPropertyDescription("length unit when no token count is given") Unit unit,
      @JsonPropertyDescription("cosine: reward of a wrong answer at length 0")
          @Range(min = -1e6, max = 1e6)
          Double minValueWrong,
      @JsonPropertyDescription("cosine: reward of a wrong answer at max_len")
          @Range(min = -1e6, max = 1e6)
          Double maxValueWrong,
      @JsonPropertyDescription("cosine: reward of a correct answer at max_len")
          @Range(min = -1e6, max = 1e6)
          Double minValueCorrect,
      @JsonPropertyDescription("cosine: reward of a correct answer at length 0")
          @Range(min = -1e6, max = 1e6)
          Double maxValueCorrect,
      @JsonPropertyDescription("cosine: length at which the schedule ends")
          @Range(min = 1, max = Integer.MAX_VALUE)
          Integer maxLen,
      @JsonPropertyDescription(
              "cosine: treat lengths over max_len as max_len (open-r1 does not: its cosine comes"
                  + " back up past max_len)")
          Boolean clamp,
      @JsonPropertyDescription("overlong: L_max") @Range(min = 1, max = Integer.MAX_VALUE)
          Integer maxCompletionLen,
      @JsonPropertyDescription("overlong: L_cache, the length of the linear ramp")
          @Range(min = 0, max = Integer.MAX_VALUE)
          Integer softPunishCache) {
    Options {
      mode = mode == null ? Mode.COSINE : mode;
      unit = unit == null ? Unit.CHARS : unit;
      minValueWrong = minValueWrong == null ? -1.0 : minValueWrong;
      maxValueWrong = maxValueWrong == null ? -0.5 : maxValueWrong;
      minValueCorrect = minValueCorrect == null ? 0.5 : minValueCorrect;
      maxValueCorrect = maxValueCorrect == null ? 1.0 : maxValueCorrect;
      maxLen = maxLen == null ? 1000 : maxLen;
      clamp = clamp == null || clamp;
      maxCompletionLen = maxCompletionLen == null ? 16384 : maxCompletionLen;
      softPunishCache = softPunishCache == null ? 4096 : softPunishCache;
    }
  }

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "length",
          VERSION,
          "open-r1 cosine-scaled length reward keyed on correctness, or DAPO soft overlong"
              + " punishment",
          RecordSchemas.reference(NoReference.class),
          RecordSchemas.options(Options.class));

  public LengthScorer() {
    super(DESCRIPTOR, Options.class, 0);
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item, Options o) {
    Mode mode = o.mode();
    Unit unit = o.unit();
    long length =
        o.tokens() != null
            ? o.tokens()
            : unit == Unit.CHARS
                ? item.response().codePointCount(0, item.response().length())
                : Words.count(item.response());
    String measured =
        o.tokens() != null ? "tokens" : unit.name().toLowerCase(java.util.Locale.ROOT);
    return mode == Mode.COSINE
        ? cosine(item, o, length, measured)
        : overlong(item, o, length, measured);
  }

  private static ScoreResult cosine(ScoreItem item, Options o, long length, String measured) {
    int maxLen = o.maxLen();
    double progress = (double) (o.clamp() ? Math.min(length, maxLen) : length) / maxLen;
    double cosine = Math.cos(progress * Math.PI);
    double ifCorrect =
        o.minValueCorrect() + 0.5 * (o.maxValueCorrect() - o.minValueCorrect()) * (1.0 + cosine);
    // open-r1 swaps min and max for wrong answers: long wrong answers are penalized less
    double ifWrong =
        o.maxValueWrong() + 0.5 * (o.minValueWrong() - o.maxValueWrong()) * (1.0 + cosine);
    Map<String, Double> components = new LinkedHashMap<>();
    components.put("if_correct", ifCorrect);
    components.put("if_wrong", ifWrong);
    Boolean correct = o.correct();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("length", length);
    details.put("unit", measured);
    if (correct == null) {
      details.put(
          "reason",
          "cosine length reward needs options.correct (true/false), or a gateway profile that keys"
              + " it on another scorer's verdict; both branches are in components");
      return new ScoreResult(
          item.id(), null, ScoreStatus.INVALID_REQUEST, false, components, details, null, 0);
    }
    double reward = correct ? ifCorrect : ifWrong;
    details.put(
        "reason",
        (correct ? "correct" : "wrong")
            + " answer of "
            + length
            + " "
            + measured
            + ", cosine-scaled");
    return ScoreResult.ok(item.id(), reward, components, details);
  }

  private static ScoreResult overlong(ScoreItem item, Options o, long length, String measured) {
    int max = o.maxCompletionLen();
    int cache = o.softPunishCache();
    if (cache > max) {
      throw InvalidItemException.option(
          "options.soft_punish_cache ("
              + cache
              + ") must not exceed max_completion_len ("
              + max
              + ")");
    }
    long expected = (long) max - cache;
    double reward;
    if (length <= expected) {
      reward = 0.0;
    } else if (length <= max) {
      reward = (double) (expected - length) / cache;
    } else {
      reward = -1.0;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(
        "reason",
        length
            + " "
            + measured
            + (length <= expected
                ? " within " + expected
                : length <= max ? " in the soft punishment interval" : " over " + max));
    details.put("length", length);
    details.put("unit", measured);
    return ScoreResult.ok(item.id(), reward, Map.of("overlong", reward), details);
  }
}
