package dev.arbiter.verifier.vision.detection;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.Required;
import dev.arbiter.api.fields.SchemaAs;
import dev.arbiter.api.fields.Size;
import dev.arbiter.verifier.vision.geometry.Box;
import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.internal.FieldDocs;
import dev.arbiter.verifier.vision.parse.BoxFormat;
import dev.arbiter.verifier.vision.parse.BoxReader;
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

  /**
   * {@code reference} as bound; {@code boxes} stays raw for {@link BoxReader}, which reads the same
   * box spellings as in answers ({@code bbox_2d | Position | box}, bare lists).
   */
  @JsonClassDescription("ground-truth boxes")
  record Fields(
      @JsonPropertyDescription("ground-truth boxes, each {bbox_2d|Position: [x1,y1,x2,y2], label?}")
          @Required
          @SchemaAs(ReferenceBox[].class)
          Object boxes,
      @JsonPropertyDescription(FieldDocs.IMAGE_SIZE)
          @SchemaAs(double[].class)
          @Size(min = 2, max = 2)
          ImageSize imageSize,
      @JsonPropertyDescription(FieldDocs.COORDS_OF + "the ground-truth boxes") Coords coords) {
    Fields {
      coords = coords == null ? Coords.PIXEL : coords;
    }
  }

  /** The canonical shape of one reference box, for the schema. */
  @JsonClassDescription("a box")
  record ReferenceBox(
      @JsonProperty("bbox_2d")
          @JsonPropertyDescription("[x1, y1, x2, y2] with x1 < x2, y1 < y2")
          @Size(min = 4, max = 4)
          List<Double> bbox2d,
      @JsonPropertyDescription("class label") String label) {}

  /** Reads and checks {@code reference}; refuses more than {@code maxBoxes} boxes. */
  public static DetectionReference read(
      Map<String, Object> reference, boolean labelAware, int maxBoxes) {
    Fields r = ItemFields.reference(reference, Fields.class);
    if (r.boxes() instanceof List<?> list && list.isEmpty()) {
      throw InvalidItemException.reference("reference.boxes is empty");
    }
    List<LabeledBox> boxes =
        new BoxReader(BoxFormat.XYXY, InvalidItemException::reference)
            .list(r.boxes(), maxBoxes, "reference.boxes");
    for (int i = 0; i < boxes.size(); i++) {
      LabeledBox b = boxes.get(i);
      Box box = b.box();
      if (!(box.width() > 0 && box.height() > 0)) {
        throw InvalidItemException.reference("reference.boxes[" + i + "] has no area");
      }
      if (labelAware && (b.label() == null || b.label().isBlank())) {
        throw InvalidItemException.reference(
            "reference.boxes[" + i + "] has no label but label_aware matching needs one");
      }
    }
    return new DetectionReference(boxes, r.coords(), r.imageSize());
  }
}
