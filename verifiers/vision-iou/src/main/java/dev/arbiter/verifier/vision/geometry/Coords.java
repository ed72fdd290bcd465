package dev.arbiter.verifier.vision.geometry;

import java.util.Locale;

/**
 * Coordinate conventions of boxes and points: pixels, fractions of the image ([0, 1]), or Qwen-VL's
 * integers in [0, 1000) relative to the image.
 */
public enum Coords {
  PIXEL,
  NORMALIZED,
  QWEN1000;

  /** The name used in references and options, e.g. {@code qwen1000}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The convention in which boxes given in {@code a} and {@code b} are compared: pixels when the
   * image size is known, else fractions of the image when neither is in pixels, else the shared
   * convention. Null when a conversion would need an image size that is not known.
   */
  public static Coords common(Coords a, Coords b, ImageSize size) {
    if (a == b) {
      return a;
    }
    if (size != null) {
      return PIXEL;
    }
    return a != PIXEL && b != PIXEL ? NORMALIZED : null;
  }

  /**
   * {@code box}, given in this convention, in {@code target}'s. {@code size} may be null unless the
   * conversion involves pixels.
   */
  public Box convert(Box box, Coords target, ImageSize size) {
    if (this == target) {
      return box;
    }
    double sx = toNormalizedFactor(size, true) / target.toNormalizedFactor(size, true);
    double sy = toNormalizedFactor(size, false) / target.toNormalizedFactor(size, false);
    return box.scaled(sx, sy);
  }

  /** {@code value} on the x ({@code horizontal}) or y axis as a fraction of the image. */
  public double normalize(double value, ImageSize size, boolean horizontal) {
    return value * toNormalizedFactor(size, horizontal);
  }

  private double toNormalizedFactor(ImageSize size, boolean horizontal) {
    return switch (this) {
      case NORMALIZED -> 1.0;
      case QWEN1000 -> 1.0 / 1000;
      case PIXEL -> {
        if (size == null) {
          throw new IllegalStateException("pixel conversion needs an image size");
        }
        yield 1.0 / (horizontal ? size.width() : size.height());
      }
    };
  }
}
