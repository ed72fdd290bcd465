package dev.arbiter.verifier.vision.parse;

import dev.arbiter.verifier.vision.geometry.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads boxes from JSON-like values (maps, lists, numbers) as parsed from a response or received as
 * a reference. Every problem is reported through the error factory, so the same rules give a floor
 * verdict for responses and {@code invalid_reference} for references.
 */
public final class BoxReader {

  /** Keys that hold the four coordinates, in the order they are looked up. */
  public static final List<String> BOX_KEYS =
      List.of("bbox_2d", "Position", "position", "bbox", "box");

  private static final List<String> CONFIDENCE_KEYS = List.of("confidence", "Confidence", "score");

  private final BoxFormat format;
  private final Function<String, ? extends RuntimeException> error;

  public BoxReader(BoxFormat format, Function<String, ? extends RuntimeException> error) {
    this.format = format;
    this.error = error;
  }

  /**
   * A list of boxes: a JSON list of box objects or of bare 4-number lists, a single box object, a
   * single 4-number list, or an object with a {@code boxes} list.
   */
  public List<LabeledBox> list(Object value, int maxBoxes, String where) {
    if (value instanceof Map<?, ?> map && map.containsKey("boxes")) {
      return list(map.get("boxes"), maxBoxes, where + ".boxes");
    }
    if (value instanceof Map<?, ?> || isCoordinateList(value)) {
      return List.of(labeled(value, where));
    }
    if (!(value instanceof List<?> items)) {
      throw error.apply(where + " must be a list of boxes");
    }
    if (items.size() > maxBoxes) {
      throw error.apply(where + " lists " + items.size() + " boxes; the limit is " + maxBoxes);
    }
    List<LabeledBox> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(labeled(items.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  /** One box: an object with coordinates (and optional label, confidence) or a 4-number list. */
  public LabeledBox labeled(Object value, String where) {
    if (value instanceof List<?>) {
      return new LabeledBox(coordinates(value, where), null, 1.0);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw error.apply(where + " must be a box object or [x1, y1, x2, y2]");
    }
    Object coords = null;
    String key = null;
    for (String k : BOX_KEYS) {
      if (map.containsKey(k)) {
        coords = map.get(k);
        key = k;
        break;
      }
    }
    if (key == null) {
      throw error.apply(where + " has no coordinates (expected one of " + BOX_KEYS + ")");
    }
    Box box = coordinates(coords, where + "." + key);
    return new LabeledBox(box, label(map.get("label"), where), confidence(map, where));
  }

  /** Four finite numbers as a box in this reader's format. */
  public Box coordinates(Object value, String where) {
    double[] v = numbers(value, 4, where);
    if (format == BoxFormat.XYWH) {
      if (v[2] < 0 || v[3] < 0) {
        throw error.apply(where + " has a negative width or height");
      }
      return new Box(v[0], v[1], v[0] + v[2], v[1] + v[3]);
    }
    if (v[2] < v[0]) {
      throw error.apply(where + " has x2 < x1");
    }
    if (v[3] < v[1]) {
      throw error.apply(where + " has y2 < y1");
    }
    return new Box(v[0], v[1], v[2], v[3]);
  }

  /** Exactly {@code n} finite numbers. */
  public double[] numbers(Object value, int n, String where) {
    if (!(value instanceof List<?> list) || list.size() != n) {
      throw error.apply(where + " must be " + n + " numbers");
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      if (!(list.get(i) instanceof Number num)) {
        throw error.apply(where + " must be " + n + " numbers");
      }
      out[i] = num.doubleValue();
      if (!Double.isFinite(out[i])) {
        throw error.apply(where + " has a non-finite coordinate");
      }
    }
    return out;
  }

  private String label(Object value, String where) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number n) {
      return n.toString();
    }
    throw error.apply(where + ".label must be a string");
  }

  private double confidence(Map<?, ?> map, String where) {
    for (String k : CONFIDENCE_KEYS) {
      Object v = map.get(k);
      if (v == null) {
        continue;
      }
      if (!(v instanceof Number num) || !(num.doubleValue() >= 0 && num.doubleValue() <= 1)) {
        throw error.apply(where + "." + k + " must be a number in [0, 1]");
      }
      return num.doubleValue();
    }
    return 1.0;
  }

  private static boolean isCoordinateList(Object value) {
    return value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Number;
  }
}
