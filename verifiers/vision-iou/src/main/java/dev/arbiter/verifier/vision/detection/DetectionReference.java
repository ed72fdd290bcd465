package dev.arbiter.verifier.vision.detection;

import dev.arbiter.verifier.vision.geometry.Box;
import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.internal.FieldReader;
import dev.arbiter.verifier.vision.internal.InvalidReferenceException;
import dev.arbiter.verifier.vision.parse.BoxFormat;
import dev.arbiter.verifier.vision.parse.LabeledBox;
import java.util.List;
import java.util.Map;

/**
 * The ground truth of a {@code detection} item.
 *
 * @param boxes at least one box, each with positive area, in {@code coords}
 * @param coords their convention (default pixel)
 * @param imageSize the image size, or null
 */
public record DetectionReference(List<LabeledBox> boxes, Coords coords, ImageSize imageSize) {

  /** Reads and checks {@code reference}; refuses more than {@code maxBoxes} boxes. */
  public static DetectionReference read(
      Map<String, Object> reference, boolean labelAware, int maxBoxes) {
    FieldReader r = FieldReader.reference(reference);
    if (!r.has("boxes")) {
      throw new InvalidReferenceException("reference.boxes is missing");
    }
    if (r.raw("boxes") instanceof List<?> list && list.isEmpty()) {
      throw new InvalidReferenceException("reference.boxes is empty");
    }
    List<LabeledBox> boxes =
        r.boxes(BoxFormat.XYXY).list(r.raw("boxes"), maxBoxes, "reference.boxes");
    for (int i = 0; i < boxes.size(); i++) {
      LabeledBox b = boxes.get(i);
      Box box = b.box();
      if (!(box.width() > 0 && box.height() > 0)) {
        throw new InvalidReferenceException("reference.boxes[" + i + "] has no area");
      }
      if (labelAware && (b.label() == null || b.label().isBlank())) {
        throw new InvalidReferenceException(
            "reference.boxes[" + i + "] has no label but label_aware matching needs one");
      }
    }
    return new DetectionReference(boxes, r.choice("coords", Coords.PIXEL), r.imageSize());
  }
}
