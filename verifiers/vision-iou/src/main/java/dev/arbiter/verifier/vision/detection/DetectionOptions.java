package dev.arbiter.verifier.vision.detection;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.SchemaAs;
import dev.arbiter.api.fields.Size;
import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.geometry.Overlap;
import dev.arbiter.verifier.vision.internal.FieldDocs;
import dev.arbiter.verifier.vision.parse.BoxFormat;
import dev.arbiter.verifier.vision.parse.FormatRule;
import java.util.Map;

/**
 * The {@code detection} options, bound by {@link ItemFields}; null components take their defaults.
 *
 * @param iouThreshold a match counts only when its overlap is above this (default 0.5)
 * @param matching greedy (Visual-RFT) or hungarian (optimal)
 * @param labelAware only boxes with equal labels (trimmed, case-insensitive) may match
 * @param overlap the measure used for matching and for the reward ({@code iou_type})
 * @param coords convention of the predicted coordinates
 * @param boxFormat how the predicted four numbers describe a box
 * @param imageSize image size given in options (the reference's wins); may be null
 * @param reward which accuracy terms make the total
 * @param format the format rule
 */
@JsonClassDescription("detection options")
public record DetectionOptions(
    @JsonPropertyDescription("a match counts only when its overlap is above this")
        @Range(min = 0, max = 1)
        Double iouThreshold,
    @JsonPropertyDescription("greedy by confidence (Visual-RFT) or optimal (Hungarian)")
        MatchingKind matching,
    @JsonPropertyDescription("only boxes with equal labels may match") Boolean labelAware,
    @JsonProperty("iou_type") @JsonPropertyDescription(FieldDocs.IOU_TYPE) Overlap overlap,
    @JsonPropertyDescription(FieldDocs.COORDS_OF + "the predicted boxes") Coords coords,
    @JsonPropertyDescription(FieldDocs.BOX_FORMAT) BoxFormat boxFormat,
    @JsonPropertyDescription(FieldDocs.IMAGE_SIZE) @SchemaAs(double[].class) @Size(min = 2, max = 2)
        ImageSize imageSize,
    @JsonPropertyDescription(
            "accuracy terms of the total (format is added): iou+confidence, iou, or mAP@[.5:.95]")
        DetectionReward reward,
    @JsonPropertyDescription(FieldDocs.FORMAT) FormatRule format) {

  public DetectionOptions {
    iouThreshold = iouThreshold == null ? 0.5 : iouThreshold;
    matching = matching == null ? MatchingKind.GREEDY : matching;
    labelAware = labelAware != null && labelAware;
    overlap = overlap == null ? Overlap.IOU : overlap;
    coords = coords == null ? Coords.PIXEL : coords;
    boxFormat = boxFormat == null ? BoxFormat.XYXY : boxFormat;
    reward = reward == null ? DetectionReward.VISUAL_RFT : reward;
    format = format == null ? FormatRule.THINK_ANSWER : format;
  }

  /** Binds and checks {@code options}. */
  public static DetectionOptions read(Map<String, Object> options) {
    return ItemFields.options(options, DetectionOptions.class);
  }
}
