package dev.arbiter.verifier.vision.parse;

import java.util.Locale;

/** How four numbers describe a box: corners, or top-left corner plus width and height. */
public enum BoxFormat {
  /** {@code [x1, y1, x2, y2]}; {@code x2 < x1} or {@code y2 < y1} is refused. */
  XYXY,
  /** {@code [x, y, w, h]}; a negative width or height is refused. */
  XYWH;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
