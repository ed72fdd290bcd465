package dev.arbiter.verifier.math;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.Size;
import dev.arbiter.verifier.math.equiv.ComparisonOptions;
import dev.arbiter.verifier.math.equiv.ComparisonOptions.PercentPolicy;
import dev.arbiter.verifier.math.extract.ExtractionConfig;
import dev.arbiter.verifier.math.extract.ExtractionConfig.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-item options of the {@code math} scorer, as the verifier uses them: read from {@code
 * item.options()} as a {@link Wire} record by {@link ItemFields}, then resolved against the gold
 * answer and the service's budgets. See the module README for each key.
 *
 * @param response how the answer is found in the response
 * @param gold how the answer is found in the reference
 * @param comparison how the two are compared
 * @param orderedLists bare comma lists ({@code 10, 4, -2}) are ordered tuples instead of sets
 * @param signedReward reward ±1 (DAPO style) instead of 1/0
 * @param requireBoxed a response without a {@code \boxed{}} answer gets the floor reward
 * @param budgetMillis the CPU time budget for this item
 */
public record MathOptions(
    ExtractionConfig response,
    ExtractionConfig gold,
    ComparisonOptions comparison,
    boolean orderedLists,
    boolean signedReward,
    boolean requireBoxed,
    long budgetMillis) {

  private static final Pattern CHOICE_LETTER = Pattern.compile("\\(?([A-Z])\\)?");

  /** {@code reward}: 1/0, or ±1 (DAPO style). */
  public enum RewardMode {
    BINARY,
    SIGNED
  }

  /** {@code require_format}: nothing, or a {@code \boxed{}} answer. */
  public enum FormatRequirement {
    NONE,
    BOXED
  }

  /**
   * The options as sent, bound by {@link ItemFields}; null components take their defaults, which
   * for {@code extraction}, {@code gold_extraction}, {@code choices} and {@code time_budget_ms}
   * depend on the gold answer or the service and are resolved by {@link #resolve}.
   */
  @JsonClassDescription("math options")
  public record Wire(
      @JsonPropertyDescription(
              "what to look for in the response (default latex, expr; latex, string when the gold"
                  + " is one letter)")
          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          @Size(min = 1)
          List<Target> extraction,
      @JsonPropertyDescription("what to look for in the gold answer (default whole, latex, expr)")
          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          @Size(min = 1)
          List<Target> goldExtraction,
      @JsonPropertyDescription(
              "rank of boxed answers: 0 before everything, 50 after 'final answer is', -1 ignores"
                  + " boxes")
          Integer boxedPriority,
      @JsonPropertyDescription("also accept matches without an anchor ('answer', 'final answer')")
          Boolean anchorless,
      @JsonPropertyDescription("try only the best-ranked candidate of the response")
          Boolean firstMatch,
      @JsonPropertyDescription("try only the best-ranked candidate of the gold answer")
          Boolean goldFirstMatch,
      @JsonPropertyDescription(
              "the letters of string extraction (default A to D, or A to the gold's letter)")
          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> choices,
      @JsonPropertyDescription("compare choice letters case-insensitively") Boolean lowercase,
      @JsonPropertyDescription("repair \\frac12, \\frac1{72}, \\sqrt3") Boolean malformedOperators,
      @JsonPropertyDescription("drop unit words and \\text{ cm} after numbers") Boolean units,
      @JsonPropertyDescription(
              "when either side has a decimal literal, both are rounded to this many places")
          @Range(min = 0, max = 30)
          Integer floatRounding,
      @JsonPropertyDescription("when false, variables are matched by position (f(x) = f(y))")
          Boolean strict,
      @JsonPropertyDescription("also compare a gold set with a predicted inequality")
          Boolean allowSetRelationComparison,
      @JsonPropertyDescription(
              "what 50\\% equals when the other side has no %: either (0.5 or 50), fraction (0.5)"
                  + " or number (50)")
          PercentPolicy percent,
      @JsonPropertyDescription("allow the Symja fallback") Boolean symbolic,
      @JsonPropertyDescription("a bare list 10, 4, -2 is an ordered tuple instead of a set")
          Boolean orderedLists,
      @JsonPropertyDescription("binary (1/0) or signed (+1/-1, DAPO style)") RewardMode reward,
      @JsonPropertyDescription("boxed: a response without \\boxed{} gets the floor")
          FormatRequirement requireFormat,
      @JsonPropertyDescription(
              "CPU time budget of this item in ms (default the service's arbiter.math.time-budget,"
                  + " 2000), capped by arbiter.math.max-time-budget")
          @Range(min = 1, max = Integer.MAX_VALUE)
          Integer timeBudgetMs) {

    public Wire {
      noNulls(extraction, "extraction");
      noNulls(goldExtraction, "gold_extraction");
      noNulls(choices, "choices");
      boxedPriority = boxedPriority == null ? 50 : boxedPriority;
      anchorless = anchorless == null || anchorless;
      firstMatch = firstMatch != null && firstMatch;
      goldFirstMatch = goldFirstMatch != null && goldFirstMatch;
      lowercase = lowercase == null || lowercase;
      malformedOperators = malformedOperators == null || malformedOperators;
      units = units == null || units;
      floatRounding = floatRounding == null ? 6 : floatRounding;
      strict = strict == null || strict;
      allowSetRelationComparison = allowSetRelationComparison != null && allowSetRelationComparison;
      percent = percent == null ? PercentPolicy.EITHER : percent;
      symbolic = symbolic == null || symbolic;
      orderedLists = orderedLists != null && orderedLists;
      reward = reward == null ? RewardMode.BINARY : reward;
      requireFormat = requireFormat == null ? FormatRequirement.NONE : requireFormat;
    }

    /**
     * The options for an item whose gold answer is {@code goldAnswer} (may be null). When the gold
     * is a single letter (a multiple-choice answer) and the item names no extraction, choices are
     * extracted too (letters A to the gold's letter, at least A-D), beside boxed LaTeX.
     */
    MathOptions resolve(String goldAnswer, long defaultBudget, long maxBudget) {
      Matcher letter = goldAnswer == null ? null : CHOICE_LETTER.matcher(goldAnswer.strip());
      boolean choice = letter != null && letter.matches() && extraction == null;
      List<Target> targets =
          extraction != null
              ? extraction
              : choice ? List.of(Target.LATEX, Target.STRING) : List.of(Target.LATEX, Target.EXPR);
      List<String> letters =
          choices != null
              ? choices
              : choice ? lettersUpTo(letter.group(1).charAt(0)) : ExtractionConfig.DEFAULT_CHOICES;
      ExtractionConfig response =
          new ExtractionConfig(
              targets,
              boxedPriority,
              anchorless,
              firstMatch,
              letters,
              lowercase,
              malformedOperators,
              units);
      ExtractionConfig gold =
          new ExtractionConfig(
              goldExtraction != null
                  ? goldExtraction
                  : List.of(Target.WHOLE, Target.LATEX, Target.EXPR),
              boxedPriority,
              true,
              goldFirstMatch,
              letters,
              lowercase,
              malformedOperators,
              units);
      ComparisonOptions comparison =
          new ComparisonOptions(
              floatRounding, strict, allowSetRelationComparison, symbolic, percent);
      long budget = timeBudgetMs == null ? defaultBudget : timeBudgetMs;
      return new MathOptions(
          response,
          gold,
          comparison,
          orderedLists,
          reward == RewardMode.SIGNED,
          requireFormat == FormatRequirement.BOXED,
          Math.min(budget, maxBudget));
    }
  }

  /** The options of one item; {@code defaultBudget} and {@code maxBudget} come from the service. */
  public static MathOptions from(Map<String, Object> o, long defaultBudget, long maxBudget) {
    return from(o, null, defaultBudget, maxBudget);
  }

  /**
   * The options of one item whose gold answer is {@code goldAnswer} (may be null); see {@link
   * Wire#resolve}.
   *
   * @throws InvalidItemException ({@code invalid_request}) naming the unknown or bad option
   */
  public static MathOptions from(
      Map<String, Object> o, String goldAnswer, long defaultBudget, long maxBudget) {
    return ItemFields.options(o, Wire.class).resolve(goldAnswer, defaultBudget, maxBudget);
  }

  private static void noNulls(List<?> list, String wireName) {
    if (list != null && list.contains(null)) {
      throw new IllegalArgumentException(wireName + " must not contain null");
    }
  }

  private static List<String> lettersUpTo(char last) {
    List<String> out = new ArrayList<>();
    for (char c = 'A'; c <= Math.max(last, 'D'); c++) {
      out.add(String.valueOf(c));
    }
    return out;
  }

  double reward(boolean correct) {
    return correct ? 1.0 : floor();
  }

  double floor() {
    return signedReward ? -1.0 : 0.0;
  }
}
