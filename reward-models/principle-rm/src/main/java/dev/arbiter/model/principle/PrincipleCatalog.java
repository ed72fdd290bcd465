package dev.arbiter.model.principle;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named principle sets and the reading of an item's options into the principles it is scored
 * on: inline {@code principles}, a named {@code principle_set}, or the default set; then, with
 * {@code sample_k}, SALMON's training-time randomization: k principles drawn by weight without
 * replacement, seeded per item so a rollout always gets the same draw.
 */
public final class PrincipleCatalog {

  /** The principles and mode chosen for one item. */
  public record Selection(List<Principle> principles, ScoringMode mode, boolean sampled) {}

  /** The built-in set, used when none is configured. */
  public static final String BUILT_IN = "hhh";

  private final Map<String, List<Principle>> sets;
  private final String defaultSet;
  private final ScoringMode defaultMode;

  /**
   * @param configured named sets (added to, and overriding, the built-in {@code hhh} set)
   * @param defaultSet the set used when an item names none
   */
  public PrincipleCatalog(
      Map<String, List<Principle>> configured, String defaultSet, ScoringMode defaultMode) {
    Map<String, List<Principle>> all = new LinkedHashMap<>();
    all.put(BUILT_IN, builtIn());
    configured.forEach((name, list) -> all.put(name, List.copyOf(list)));
    all.forEach(
        (name, list) -> {
          if (list.isEmpty()) {
            throw new IllegalArgumentException("principle set '" + name + "' is empty");
          }
        });
    if (!all.containsKey(defaultSet)) {
      throw new IllegalArgumentException(
          "default principle set '" + defaultSet + "' is not among " + all.keySet());
    }
    this.sets = Map.copyOf(all);
    this.defaultSet = defaultSet;
    this.defaultMode = defaultMode;
  }

  public List<String> setNames() {
    return sets.keySet().stream().sorted().toList();
  }

  /**
   * Reads an item's options ({@link PrincipleOptions}).
   *
   * @throws RequestProblem ({@code invalid_request}) for options no item could be scored with: an
   *     unknown option, set or mode, an empty or malformed principle list, a bad {@code sample_k}
   */
  public Selection select(ScoreItem item) {
    try {
      PrincipleOptions options = ItemFields.options(item.options(), PrincipleOptions.class);
      List<Principle> principles = principles(options);
      ScoringMode mode = options.mode() == null ? defaultMode : options.mode();
      Integer k = options.sampleK();
      if (k == null || k >= principles.size()) {
        return new Selection(principles, mode, false);
      }
      return new Selection(sample(principles, k, itemSeed(item, options.seed())), mode, true);
    } catch (InvalidItemException | IllegalArgumentException e) {
      throw new RequestProblem(ProblemType.INVALID_REQUEST, optionsMessage(item, e), Map.of());
    }
  }

  private List<Principle> principles(PrincipleOptions options) {
    if (options.principles() != null && options.principleSet() != null) {
      throw new IllegalArgumentException("give either 'principles' or 'principle_set', not both");
    }
    if (options.principleSet() != null) {
      List<Principle> set = sets.get(options.principleSet());
      if (set == null) {
        throw new UnknownSetException(options.principleSet());
      }
      return set;
    }
    if (options.principles() == null) {
      return sets.get(defaultSet);
    }
    return options.principles().stream().map(PrincipleOptions.Inline::toPrinciple).toList();
  }

  private String optionsMessage(ScoreItem item, RuntimeException e) {
    String prefix = "item '" + item.id() + "': ";
    if (e instanceof UnknownSetException u) {
      return prefix
          + "principle set '"
          + u.getMessage()
          + "' is unknown; known sets are "
          + setNames();
    }
    return prefix + e.getMessage();
  }

  private static final class UnknownSetException extends IllegalArgumentException {
    UnknownSetException(String name) {
      super(name);
    }
  }

  /** The per-item seed: the request seed mixed with the item id (or its text when it has none). */
  static long itemSeed(ScoreItem item, long seed) {
    String key = item.id() != null ? item.id() : item.prompt() + '\u0000' + item.response();
    long h = 1125899906842597L;
    for (int i = 0; i < key.length(); i++) {
      h = 31 * h + key.charAt(i);
    }
    return h ^ (seed * 0x9E3779B97F4A7C15L);
  }

  /**
   * Draws k principles by weight without replacement (Efraimidis-Spirakis: the k largest {@code
   * u^(1/w)}), returned in their original order.
   */
  static List<Principle> sample(List<Principle> principles, int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    record Keyed(int index, double key) {}
    List<Keyed> keyed = new ArrayList<>(principles.size());
    for (int i = 0; i < principles.size(); i++) {
      double u = random.nextDouble();
      keyed.add(new Keyed(i, Math.log(u) / principles.get(i).weight()));
    }
    return keyed.stream()
        .sorted(Comparator.comparingDouble(Keyed::key).reversed())
        .limit(k)
        .sorted(Comparator.comparingInt(Keyed::index))
        .map(kd -> principles.get(kd.index()))
        .toList();
  }

  private static List<Principle> builtIn() {
    return List.of(
        new Principle(
            "helpful",
            "The response directly addresses the user's request and gives relevant, useful and"
                + " complete information.",
            "The response ignores or evades the user's request, or gives irrelevant, useless"
                + " information.",
            1.0),
        new Principle(
            "honest",
            "The response is truthful and accurate, and says so when it is unsure instead of"
                + " making things up.",
            "The response confidently states false or made-up claims.",
            1.0),
        new Principle(
            "harmless",
            "The response is safe and respectful, and declines to help with dangerous or harmful"
                + " activities.",
            "The response is rude or toxic, or helps with dangerous or harmful activities.",
            1.0));
  }
}
