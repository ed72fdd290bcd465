package dev.arbiter.verifier.rules.shaping;

import static dev.arbiter.verifier.rules.internal.Schemas.bool;
import static dev.arbiter.verifier.rules.internal.Schemas.choice;
import static dev.arbiter.verifier.rules.internal.Schemas.integer;
import static dev.arbiter.verifier.rules.internal.Schemas.number;
import static dev.arbiter.verifier.rules.internal.Schemas.object;
import static dev.arbiter.verifier.rules.internal.Schemas.props;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.verifier.rules.internal.Fields;
import dev.arbiter.verifier.rules.internal.InvalidOptionException;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import dev.arbiter.verifier.rules.text.Words;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
public final class LengthScorer extends RuleScorer {

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

  private static final Set<String> OPTIONS =
      Set.of(
          "mode",
          "correct",
          "tokens",
          "unit",
          "min_value_wrong",
          "max_value_wrong",
          "min_value_correct",
          "max_value_correct",
          "max_len",
          "clamp",
          "max_completion_len",
          "soft_punish_cache");

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "length",
          VERSION,
          "open-r1 cosine-scaled length reward keyed on correctness, or DAPO soft overlong"
              + " punishment",
          object("no reference is read", props()),
          object(
              "length options",
              props(
                  "mode", choice("which length reward", Mode.COSINE),
                  "correct",
                      bool(
                          "cosine: whether the answer is correct (a profile keys on another"
                              + " scorer instead)",
                          false),
                  "tokens",
                      integer(
                          "the response's length in tokens, as the trainer counted it",
                          0,
                          Integer.MAX_VALUE,
                          0),
                  "unit", choice("length unit when no token count is given", Unit.CHARS),
                  "min_value_wrong",
                      number("cosine: reward of a wrong answer at length 0", -1e6, 1e6, -1.0),
                  "max_value_wrong",
                      number("cosine: reward of a wrong answer at max_len", -1e6, 1e6, -0.5),
                  "min_value_correct",
                      number("cosine: reward of a correct answer at max_len", -1e6, 1e6, 0.5),
                  "max_value_correct",
                      number("cosine: reward of a correct answer at length 0", -1e6, 1e6, 1.0),
                  "max_len",
                      integer(
                          "cosine: length at which the schedule ends", 1, Integer.MAX_VALUE, 1000),
                  "clamp",
                      bool(
                          "cosine: treat lengths over max_len as max_len (open-r1 does"
                              + " not: its cosine comes back up past max_len)",
                          true),
                  "max_completion_len", integer("overlong: L_max", 1, Integer.MAX_VALUE, 16384),
                  "soft_punish_cache",
                      integer(
                          "overlong: L_cache, the length of the linear" + " ramp",
                          0,
                          Integer.MAX_VALUE,
                          4096))));

  public LengthScorer() {
    super(DESCRIPTOR, 0);
  }

  @Override
  protected double floor(ScoreItem item) {
    return -1; // never used: the length scorer has no response bound
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item) {
    Fields o = Fields.options(item.options(), OPTIONS);
    Mode mode = o.choice("mode", Mode.COSINE);
    Unit unit = o.choice("unit", Unit.CHARS);
    long length =
        o.has("tokens")
            ? o.integer("tokens", 0, 0, Integer.MAX_VALUE)
            : unit == Unit.CHARS
                ? item.response().codePointCount(0, item.response().length())
                : Words.count(item.response());
    String measured = o.has("tokens") ? "tokens" : unit.name().toLowerCase(java.util.Locale.ROOT);
    return mode == Mode.COSINE
        ? cosine(item, o, length, measured)
        : overlong(item, o, length, measured);
  }

  private static ScoreResult cosine(ScoreItem item, Fields o, long length, String measured) {
    double minWrong = o.number("min_value_wrong", -1.0, -1e6, 1e6);
    double maxWrong = o.number("max_value_wrong", -0.5, -1e6, 1e6);
    double minCorrect = o.number("min_value_correct", 0.5, -1e6, 1e6);
    double maxCorrect = o.number("max_value_correct", 1.0, -1e6, 1e6);
    int maxLen = o.integer("max_len", 1000, 1, Integer.MAX_VALUE);
    boolean clamp = o.bool("clamp", true);
    double progress = (double) (clamp ? Math.min(length, maxLen) : length) / maxLen;
    double cosine = Math.cos(progress * Math.PI);
    double ifCorrect = minCorrect + 0.5 * (maxCorrect - minCorrect) * (1.0 + cosine);
    // open-r1 swaps min and max for wrong answers: long wrong answers are penalized less
    double ifWrong = maxWrong + 0.5 * (minWrong - maxWrong) * (1.0 + cosine);
    Map<String, Double> components = new LinkedHashMap<>();
    components.put("if_correct", ifCorrect);
    components.put("if_wrong", ifWrong);
    Boolean correct = o.optionalBool("correct");
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

  private static ScoreResult overlong(ScoreItem item, Fields o, long length, String measured) {
    int max = o.integer("max_completion_len", 16384, 1, Integer.MAX_VALUE);
    int cache = o.integer("soft_punish_cache", 4096, 0, Integer.MAX_VALUE);
    if (cache > max) {
      throw new InvalidOptionException(
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
