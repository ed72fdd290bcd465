package dev.arbiter.verifier.vision.geometry;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * The width and height of an image or screen in pixels; both positive and finite. On the wire
 * ({@code image_size} of options and references) it is {@code [w, h]}.
 */
public record ImageSize(double width, double height) {

  /** {@code [w, h]} as bound from an item's options or reference. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ImageSize of(List<Double> wh) {
    if (wh == null || wh.size() != 2 || wh.get(0) == null || wh.get(1) == null) {
      throw new IllegalArgumentException("image_size must be two positive numbers [w, h]");
    }
    return new ImageSize(wh.get(0), wh.get(1));
  }

  public ImageSize {
    if (!(width > 0 && height > 0 && Double.isFinite(width) && Double.isFinite(height))) {
      throw new IllegalArgumentException(
          "image_size must be two positive finite numbers [w, h], got ["
              + width
              + ", "
              + height
              + "]");
    }
  }
}
