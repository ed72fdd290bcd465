package dev.arbiter.verifier.vision.geometry;

/**
 * An axis-aligned box {@code [x1, y1, x2, y2]} with {@code x1 <= x2} and {@code y1 <= y2}. The
 * constructor does not check: parsers validate what they read, and the hot path stays allocation
 * and branch light.
 */
public record Box(double x1, double y1, double x2, double y2) {

  public double width() {
    return x2 - x1;
  }

  public double height() {
    return y2 - y1;
  }

  public double area() {
    return width() * height();
  }

  public double centerX() {
    return (x1 + x2) / 2;
  }

  public double centerY() {
    return (y1 + y2) / 2;
  }

  /** True when the point lies inside or on the border. */
  public boolean contains(double x, double y) {
    return x >= x1 && x <= x2 && y >= y1 && y <= y2;
  }

  /** This box with every x multiplied by {@code sx} and every y by {@code sy}. */
  public Box scaled(double sx, double sy) {
    return new Box(x1 * sx, y1 * sy, x2 * sx, y2 * sy);
  }
}
