package dev.arbiter.verifier.vision.grounding;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.Required;
import dev.arbiter.api.fields.SchemaAs;
import dev.arbiter.api.fields.Size;
import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.geometry.Overlap;
import dev.arbiter.verifier.vision.internal.FieldDocs;
import dev.arbiter.verifier.vision.parse.BoxFormat;
import dev.arbiter.verifier.vision.parse.FormatRule;

/** The {@code grounding} options and reference as bound by {@code ItemFields}. */
final class GroundingFields {

  private GroundingFields() {}

  @JsonClassDescription("grounding options")
  record Options(
      @JsonPropertyDescription("accuracy term: the overlap, or 1 above iou_threshold")
          GroundingReward reward,
      @JsonPropertyDescription("threshold for reward=threshold (strictly above)")
          @Range(min = 0, max = 1)
          Double iouThreshold,
      @JsonProperty("iou_type") @JsonPropertyDescription(FieldDocs.IOU_TYPE) Overlap overlap,
      @JsonPropertyDescription(FieldDocs.COORDS_OF + "the predicted box") Coords coords,
      @JsonPropertyDescription(FieldDocs.BOX_FORMAT) BoxFormat boxFormat,
      @JsonPropertyDescription(FieldDocs.IMAGE_SIZE)
          @SchemaAs(double[].class)
          @Size(min = 2, max = 2)
          ImageSize imageSize,
      @JsonPropertyDescription(FieldDocs.FORMAT) FormatRule format) {
    Options {
      reward = reward == null ? GroundingReward.IOU : reward;
      iouThreshold = iouThreshold == null ? 0.5 : iouThreshold;
      overlap = overlap == null ? Overlap.IOU : overlap;
      coords = coords == null ? Coords.PIXEL : coords;
      boxFormat = boxFormat == null ? BoxFormat.XYXY : boxFormat;
      format = format == null ? FormatRule.THINK_ANSWER : format;
    }
  }

  /** {@code box} stays raw for the box reader, which checks its four coordinates. */
  @JsonClassDescription("the ground-truth box")
  record Reference(
      @JsonPropertyDescription("[x1, y1, x2, y2] with x1 < x2, y1 < y2 (bbox_2d is accepted too)")
          @JsonAlias("bbox_2d")
          @Required
          @SchemaAs(double[].class)
          @Size(min = 4, max = 4)
          Object box,
      @JsonPropertyDescription(FieldDocs.IMAGE_SIZE)
          @SchemaAs(double[].class)
          @Size(min = 2, max = 2)
          ImageSize imageSize,
      @JsonPropertyDescription(FieldDocs.COORDS_OF + "the ground-truth box") Coords coords) {
    Reference {
      coords = coords == null ? Coords.PIXEL : coords;
    }
  }
}
