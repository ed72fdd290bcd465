package dev.arbiter.verifier.rules.internal;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The frame shared by this module's scorers: a missing response is {@code invalid_request}, bad
 * options {@code invalid_request} and a bad reference {@code invalid_reference}, each with the
 * reason; malformed responses are verdicts that each scorer gives itself. Anything else is a bug
 * and propagates (the server masks it as {@code error}). The options are bound here, once, before
 * anything else of the item is read, and handed to the scorer.
 *
 * @param <O> the scorer's options record
 */
public abstract class RuleScorer<O extends Record> implements Scorer {

  /** The version label every scorer of this module reports. */
  public static final String VERSION = "rules-verifier/0.1.0";

  private final ScorerDescriptor descriptor;
  private final Class<O> optionsType;
  private final int maxResponseChars;

  /**
   * @param optionsType the options record the item's {@code options} bind to
   * @param maxResponseChars longer responses are a verdict at {@link #floor} without being read (0:
   *     no bound, for scorers that only measure the length)
   */
  protected RuleScorer(ScorerDescriptor descriptor, Class<O> optionsType, int maxResponseChars) {
    this.descriptor = descriptor;
    this.optionsType = optionsType;
    this.maxResponseChars = maxResponseChars;
  }

  @Override
  public final ScorerDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public final ScoreResult score(ScoreItem item) {
    if (item.response() == null) {
      return ScoreResult.invalidRequest(item.id(), "item has no response");
    }
    try {
      O options = ItemFields.options(item.options(), optionsType);
      if (maxResponseChars > 0 && item.response().length() > maxResponseChars) {
        return ScoreResult.ok(
            item.id(),
            floor(options),
            Map.of(),
            reason(
                "response has "
                    + item.response().length()
                    + " characters, over the limit of "
                    + maxResponseChars));
      }
      return scoreChecked(item, options);
    } catch (InvalidItemException e) {
      return e.toResult(item.id());
    }
  }

  /**
   * Scores one item with a non-null response under its bound {@code options}; may throw {@link
   * InvalidItemException}.
   */
  protected abstract ScoreResult scoreChecked(ScoreItem item, O options);

  /** The lowest reward an item can get under {@code options}: 0 unless the scorer goes lower. */
  protected double floor(O options) {
    return 0;
  }

  /** Ordered details starting with {@code reason}. */
  protected static Map<String, Object> reason(String reason) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("reason", reason);
    return d;
  }
}
