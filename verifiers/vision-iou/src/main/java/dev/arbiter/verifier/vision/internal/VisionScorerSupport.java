package dev.arbiter.verifier.vision.internal;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;

/**
 * The frame shared by this module's scorers: bad options become {@code invalid_request} and a bad
 * reference {@code invalid_reference}, each with the reason; malformed responses are handled by
 * each scorer as verdicts. Anything else is a bug and propagates (the server masks it as {@code
 * error}).
 */
public abstract class VisionScorerSupport implements Scorer {

  /** The version label every scorer of this module reports. */
  public static final String VERSION = "vision-iou/0.1.0";

  @Override
  public final ScoreResult score(ScoreItem item) {
    try {
      return scoreChecked(item);
    } catch (InvalidOptionException e) {
      return ScoreResult.invalidRequest(item.id(), e.getMessage());
    } catch (InvalidReferenceException e) {
      return ScoreResult.invalidReference(item.id(), e.getMessage());
    }
  }

  /** Scores one item; may throw the two exceptions above. */
  protected abstract ScoreResult scoreChecked(ScoreItem item);
}
