package dev.arbiter.verifier.vision.geometry;

/**
 * How much two boxes agree. {@link #IOU} lies in [0, 1]; {@link #GIOU} and {@link #DIOU} in [-1,
 * 1], and equal IoU for boxes that enclose each other concentrically.
 */
public enum Overlap {
  /** Intersection over union. Two boxes without area have IoU 0. */
  IOU {
    @Override
    public double between(Box a, Box b) {
      return iou(a, b);
    }
  },
  /**
   * Generalized IoU (Rezatofighi et al., 2019): {@code IoU - (C - U) / C} with {@code C} the area
   * of the smallest enclosing box and {@code U} the union.
   */
  GIOU {
    @Override
    public double between(Box a, Box b) {
      double inter = intersection(a, b);
      double union = a.area() + b.area() - inter;
      double iou = union > 0 ? inter / union : 0;
      double enclosing =
          (Math.max(a.x2(), b.x2()) - Math.min(a.x1(), b.x1()))
              * (Math.max(a.y2(), b.y2()) - Math.min(a.y1(), b.y1()));
      return enclosing > 0 ? iou - (enclosing - union) / enclosing : iou;
    }
  },
  /**
   * Distance IoU (Zheng et al., 2020): {@code IoU - rho^2 / c^2} with {@code rho} the distance
   * between the centers and {@code c} the diagonal of the smallest enclosing box.
   */
  DIOU {
    @Override
    public double between(Box a, Box b) {
      double iou = iou(a, b);
      double cw = Math.max(a.x2(), b.x2()) - Math.min(a.x1(), b.x1());
      double ch = Math.max(a.y2(), b.y2()) - Math.min(a.y1(), b.y1());
      double diagonal2 = cw * cw + ch * ch;
      if (diagonal2 <= 0) {
        return iou;
      }
      double dx = a.centerX() - b.centerX();
      double dy = a.centerY() - b.centerY();
      return iou - (dx * dx + dy * dy) / diagonal2;
    }
  };

  /** The measure of {@code a} against {@code b} (symmetric). */
  public abstract double between(Box a, Box b);

  /** The smallest value this measure can take. */
  public double floor() {
    return this == IOU ? 0 : -1;
  }

  /** The area both boxes cover. */
  public static double intersection(Box a, Box b) {
    double w = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
    double h = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
    return w > 0 && h > 0 ? w * h : 0;
  }

  /** Intersection over union; 0 when the union has no area. */
  public static double iou(Box a, Box b) {
    double inter = intersection(a, b);
    double union = a.area() + b.area() - inter;
    return union > 0 ? inter / union : 0;
  }
}
