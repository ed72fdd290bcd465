package dev.arbiter.verifier.vision.detection;

import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.geometry.Overlap;
import dev.arbiter.verifier.vision.internal.FieldReader;
import dev.arbiter.verifier.vision.parse.BoxFormat;
import dev.arbiter.verifier.vision.parse.FormatRule;
import java.util.Map;
import java.util.Set;

/**
 * The {@code detection} options.
 *
 * @param iouThreshold a match counts only when its overlap is above this (default 0.5)
 * @param matching greedy (Visual-RFT) or hungarian (optimal)
 * @param labelAware only boxes with equal labels (trimmed, case-insensitive) may match
 * @param overlap the measure used for matching and for the reward
 * @param coords convention of the predicted coordinates
 * @param boxFormat how the predicted four numbers describe a box
 * @param imageSize image size given in options (the reference's wins)
 * @param reward which accuracy terms make the total
 * @param format the format rule
 */
public record DetectionOptions(
    double iouThreshold,
    MatchingKind matching,
    boolean labelAware,
    Overlap overlap,
    Coords coords,
    BoxFormat boxFormat,
    ImageSize imageSize,
    DetectionReward reward,
    FormatRule format) {

  static final Set<String> KNOWN =
      Set.of(
          "iou_threshold",
          "matching",
          "label_aware",
          "iou_type",
          "coords",
          "box_format",
          "image_size",
          "reward",
          "format");

  public static final DetectionOptions DEFAULTS = read(Map.of());

  /** Reads and checks {@code options}. */
  public static DetectionOptions read(Map<String, Object> options) {
    FieldReader o = FieldReader.options(options, KNOWN);
    return new DetectionOptions(
        o.number("iou_threshold", 0.5, 0, 1),
        o.choice("matching", MatchingKind.GREEDY),
        o.bool("label_aware", false),
        o.choice("iou_type", Overlap.IOU),
        o.choice("coords", Coords.PIXEL),
        o.choice("box_format", BoxFormat.XYXY),
        o.imageSize(),
        o.choice("reward", DetectionReward.VISUAL_RFT),
        o.choice("format", FormatRule.THINK_ANSWER));
  }
}
