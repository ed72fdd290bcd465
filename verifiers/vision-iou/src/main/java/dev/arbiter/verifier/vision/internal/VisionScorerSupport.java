package dev.arbiter.verifier.vision.internal;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;

/**
 * The frame shared by this module's scorers: bad options become {@code invalid_request} and a bad
 * reference {@code invalid_reference}, each with the reason ({@link InvalidItemException}, thrown
 * by {@link dev.arbiter.api.fields.ItemFields} when binding the records or by the scorer's own
 * checks); malformed responses are handled by each scorer as verdicts. Anything else is a bug and
 * propagates (the server masks it as {@code error}).
 */
public abstract class VisionScorerSupport implements Scorer {

  /** The version label every scorer of this module reports. */
  public static final String VERSION = "vision-iou/0.1.0";

  private final ScorerDescriptor descriptor;

  protected VisionScorerSupport(ScorerDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  @Override
  public final ScorerDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public final ScoreResult score(ScoreItem item) {
    try {
      return scoreChecked(item);
    } catch (InvalidItemException e) {
      return e.toResult(item.id());
    }
  }

  /** Scores one item; may throw {@link InvalidItemException}. */
  protected abstract ScoreResult scoreChecked(ScoreItem item);

  /**
   * The frame in which predictions in {@code predicted} and ground truth in {@code reference}
   * coordinates are compared ({@link Coords#common}).
   *
   * @throws InvalidItemException ({@code invalid_reference}) when that needs an image size nobody
   *     gave
   */
  protected static Coords commonFrame(Coords predicted, Coords reference, ImageSize size) {
    Coords frame = Coords.common(predicted, reference, size);
    if (frame == null) {
      throw InvalidItemException.reference(
          "image_size [w, h] is needed (in reference or options) to compare "
              + predicted.wire()
              + " predictions with "
              + reference.wire()
              + " ground truth");
    }
    return frame;
  }
}
