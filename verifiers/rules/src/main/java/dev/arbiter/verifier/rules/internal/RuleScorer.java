package dev.arbiter.verifier.rules.internal;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The frame shared by this module's scorers: a missing response is {@code invalid_request}, bad
 * options {@code invalid_request} and a bad reference {@code invalid_reference}, each with the
 * reason; malformed responses are verdicts that each scorer gives itself. Anything else is a bug
 * and propagates (the server masks it as {@code error}).
 */
public abstract class RuleScorer implements Scorer {

  /** The version label every scorer of this module reports. */
  public static final String VERSION = "rules-verifier/0.1.0";

  private final ScorerDescriptor descriptor;
  private final int maxResponseChars;

  /**
   * @param maxResponseChars longer responses are a verdict at {@link #floor} without being read (0:
   *     no bound, for scorers that only measure the length)
   */
  protected RuleScorer(ScorerDescriptor descriptor, int maxResponseChars) {
    this.descriptor = descriptor;
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
      if (maxResponseChars > 0 && item.response().length() > maxResponseChars) {
        double floor = floor(item);
        return ScoreResult.ok(
            item.id(),
            floor,
            Map.of(),
            reason(
                "response has "
                    + item.response().length()
                    + " characters, over the limit of "
                    + maxResponseChars));
      }
      return scoreChecked(item);
    } catch (InvalidItemException e) {
      return e.toResult(item.id());
    }
  }

  /** Scores one item with a non-null response; may throw {@link InvalidItemException}. */
  protected abstract ScoreResult scoreChecked(ScoreItem item);

  /** The lowest reward this item can get under its options (checks the options). */
  protected abstract double floor(ScoreItem item);

  /** Ordered details starting with {@code reason}. */
  protected static Map<String, Object> reason(String reason) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("reason", reason);
    return d;
  }
}
