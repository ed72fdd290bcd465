package dev.arbiter.verifier.vision.geometry;

/** The width and height of an image or screen in pixels; both positive and finite. */
public record ImageSize(double width, double height) {

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
