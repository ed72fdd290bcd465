package dev.arbiter.verifier.math;

import dev.arbiter.verifier.math.equiv.ComparisonOptions;
import dev.arbiter.verifier.math.extract.ExtractionConfig;
import dev.arbiter.verifier.math.extract.ExtractionConfig.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-item options of the {@code math} scorer, read from {@code item.options()}. See the module
 * README for each key.
 *
 * @param response how the answer is found in the response
 * @param gold how the answer is found in the reference
 * @param comparison how the two are compared
 * @param orderedLists bare comma lists ({@code 10, 4, -2}) are ordered tuples instead of sets
 * @param signedReward reward ±1 (DAPO style) instead of 1/0
 * @param requireBoxed a response without a {@code \boxed{}} answer gets the floor reward
 * @param budgetMillis the time budget for this item
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

  static final Set<String> KEYS =
      Set.of(
          "extraction",
          "gold_extraction",
          "boxed_priority",
          "anchorless",
          "first_match",
          "gold_first_match",
          "choices",
          "lowercase",
          "malformed_operators",
          "units",
          "float_rounding",
          "strict",
          "allow_set_relation_comparison",
          "percent",
          "symbolic",
          "ordered_lists",
          "reward",
          "require_format",
          "time_budget_ms");

  /** The options of one item; {@code defaultBudget} and {@code maxBudget} come from the service. */
  public static MathOptions from(Map<String, Object> o, long defaultBudget, long maxBudget) {
    return from(o, null, defaultBudget, maxBudget);
  }

  /**
   * The options of one item whose gold answer is {@code goldAnswer} (may be null). When the gold is
   * a single letter (a multiple-choice answer) and the item names no extraction, choices are
   * extracted too (letters A to the gold's letter, at least A-D), beside boxed LaTeX.
   */
  public static MathOptions from(
      Map<String, Object> o, String goldAnswer, long defaultBudget, long maxBudget) {
    for (String key : o.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown option '" + key + "'; known: " + KEYS);
      }
    }
    Matcher letter = goldAnswer == null ? null : CHOICE_LETTER.matcher(goldAnswer.strip());
    boolean choice = letter != null && letter.matches() && !o.containsKey("extraction");
    List<Target> targets =
        targets(
            o.get("extraction"),
            choice ? List.of(Target.LATEX, Target.STRING) : List.of(Target.LATEX, Target.EXPR));
    List<Target> goldTargets =
        targets(o.get("gold_extraction"), List.of(Target.WHOLE, Target.LATEX, Target.EXPR));
    int boxed = integer(o, "boxed_priority", 50);
    boolean anchorless = bool(o, "anchorless", true);
    List<String> choices =
        strings(
            o.get("choices"),
            choice ? lettersUpTo(letter.group(1).charAt(0)) : ExtractionConfig.DEFAULT_CHOICES);
    boolean lowercase = bool(o, "lowercase", true);
    boolean malformed = bool(o, "malformed_operators", true);
    boolean units = bool(o, "units", true);
    ExtractionConfig response =
        new ExtractionConfig(
            targets,
            boxed,
            anchorless,
            bool(o, "first_match", false),
            choices,
            lowercase,
            malformed,
            units);
    ExtractionConfig gold =
        new ExtractionConfig(
            goldTargets,
            boxed,
            true,
            bool(o, "gold_first_match", false),
            choices,
            lowercase,
            malformed,
            units);
    int rounding = integer(o, "float_rounding", 6);
    if (rounding < 0 || rounding > 30) {
      throw new IllegalArgumentException("float_rounding should be between 0 and 30");
    }
    ComparisonOptions comparison =
        new ComparisonOptions(
            rounding,
            bool(o, "strict", true),
            bool(o, "allow_set_relation_comparison", false),
            bool(o, "symbolic", true),
            percent(string(o, "percent", "either")));
    String reward = string(o, "reward", "binary");
    if (!reward.equals("binary") && !reward.equals("signed")) {
      throw new IllegalArgumentException("reward should be 'binary' (1/0) or 'signed' (+1/-1)");
    }
    String format = string(o, "require_format", "none");
    if (!format.equals("none") && !format.equals("boxed")) {
      throw new IllegalArgumentException("require_format should be 'none' or 'boxed'");
    }
    long budget = integer(o, "time_budget_ms", (int) defaultBudget);
    if (budget <= 0) {
      throw new IllegalArgumentException("time_budget_ms should be positive");
    }
    return new MathOptions(
        response,
        gold,
        comparison,
        bool(o, "ordered_lists", false),
        reward.equals("signed"),
        format.equals("boxed"),
        Math.min(budget, maxBudget));
  }

  private static ComparisonOptions.PercentPolicy percent(String value) {
    return switch (value) {
      case "either" -> ComparisonOptions.PercentPolicy.EITHER;
      case "fraction" -> ComparisonOptions.PercentPolicy.FRACTION;
      case "number" -> ComparisonOptions.PercentPolicy.NUMBER;
      default ->
          throw new IllegalArgumentException(
              "percent should be 'either' (50% = 0.5 = 50), 'fraction' (50% = 0.5) or 'number'"
                  + " (50% = 50); got '"
                  + value
                  + "'");
    };
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

  private static List<Target> targets(Object value, List<Target> fallback) {
    if (value == null) {
      return fallback;
    }
    List<Target> out = new ArrayList<>();
    for (String s : strings(value, List.of())) {
      try {
        out.add(Target.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "extraction targets should be among latex, expr, string, whole; got '" + s + "'");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("extraction should name at least one target");
    }
    return out;
  }

  private static List<String> strings(Object value, List<String> fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    throw new IllegalArgumentException("expected a list of strings, got " + value);
  }

  private static int integer(Map<String, Object> o, String key, int fallback) {
    Number n = typed(o, key, Number.class, fallback, "an integer");
    if (n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException(key + " should be an integer, got " + n);
    }
    return n.intValue();
  }

  private static boolean bool(Map<String, Object> o, String key, boolean fallback) {
    return typed(o, key, Boolean.class, fallback, "true or false");
  }

  private static String string(Map<String, Object> o, String key, String fallback) {
    return typed(o, key, String.class, fallback, "a string");
  }

  private static <T> T typed(
      Map<String, Object> o, String key, Class<T> type, T fallback, String what) {
    Object v = o.get(key);
    if (v == null) {
      return fallback;
    }
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    throw new IllegalArgumentException(key + " should be " + what + ", got " + v);
  }
}
