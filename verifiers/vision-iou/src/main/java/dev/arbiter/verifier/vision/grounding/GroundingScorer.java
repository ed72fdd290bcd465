package dev.arbiter.verifier.vision.grounding;

import static dev.arbiter.verifier.vision.internal.Schemas.choice;
import static dev.arbiter.verifier.vision.internal.Schemas.coords;
import static dev.arbiter.verifier.vision.internal.Schemas.format;
import static dev.arbiter.verifier.vision.internal.Schemas.imageSize;
import static dev.arbiter.verifier.vision.internal.Schemas.number;
import static dev.arbiter.verifier.vision.internal.Schemas.numbers;
import static dev.arbiter.verifier.vision.internal.Schemas.object;
import static dev.arbiter.verifier.vision.internal.Schemas.props;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.json.LenientJson;
import dev.arbiter.api.json.MalformedJsonException;
import dev.arbiter.verifier.vision.geometry.Box;
import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.geometry.Overlap;
import dev.arbiter.verifier.vision.internal.FieldReader;
import dev.arbiter.verifier.vision.internal.InvalidReferenceException;
import dev.arbiter.verifier.vision.internal.VisionScorerSupport;
import dev.arbiter.verifier.vision.parse.AnswerRegion;
import dev.arbiter.verifier.vision.parse.BoxFormat;
import dev.arbiter.verifier.vision.parse.BoxReader;
import dev.arbiter.verifier.vision.parse.FormatRule;
import dev.arbiter.verifier.vision.parse.LabeledBox;
import dev.arbiter.verifier.vision.parse.MalformedAnswerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code grounding}: the first box of the answer against the reference box. Components {@code iou}
 * (the overlap) and {@code format}; the total is the accuracy term (overlap, or 1 above the
 * threshold) plus the format term.
 */
public final class GroundingScorer extends VisionScorerSupport {

  private static final Set<String> OPTIONS =
      Set.of("reward", "iou_threshold", "iou_type", "coords", "box_format", "image_size", "format");

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "grounding",
          VERSION,
          "one predicted box vs one ground-truth box: IoU/GIoU/DIoU, or 1 above a threshold;"
              + " + format",
          object(
              "the ground-truth box",
              props(
                  "box",
                  numbers("[x1, y1, x2, y2] with x1 < x2, y1 < y2 (bbox_2d is accepted too)", 4),
                  "image_size",
                  imageSize(),
                  "coords",
                  coords("the ground-truth box")),
              "box"),
          object(
              "grounding options",
              props(
                  "reward",
                  choice(
                      "accuracy term: the overlap, or 1 above iou_threshold",
                      "iou",
                      "iou",
                      "threshold"),
                  "iou_threshold",
                  number("threshold for reward=threshold (strictly above)", 0, 1, 0.5),
                  "iou_type",
                  choice("overlap measure", "iou", "iou", "giou", "diou"),
                  "coords",
                  coords("the predicted box"),
                  "box_format",
                  choice("predicted box layout", "xyxy", "xyxy", "xywh"),
                  "image_size",
                  imageSize(),
                  "format",
                  format())));

  private final int maxAnswerChars;

  public GroundingScorer(int maxAnswerChars) {
    super(DESCRIPTOR);
    this.maxAnswerChars = maxAnswerChars;
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item) {
    FieldReader o = FieldReader.options(item.options(), OPTIONS);
    GroundingReward rewardKind = o.choice("reward", GroundingReward.IOU);
    double threshold = o.number("iou_threshold", 0.5, 0, 1);
    Overlap overlap = o.choice("iou_type", Overlap.IOU);
    Coords predCoords = o.choice("coords", Coords.PIXEL);
    BoxFormat boxFormat = o.choice("box_format", BoxFormat.XYXY);
    FormatRule rule = o.choice("format", FormatRule.THINK_ANSWER);

    FieldReader r = FieldReader.reference(item.reference());
    String key = r.has("box") ? "box" : r.has("bbox_2d") ? "bbox_2d" : null;
    if (key == null) {
      throw new InvalidReferenceException("reference.box is missing");
    }
    Box gold = r.boxes(BoxFormat.XYXY).coordinates(r.raw(key), r.where(key));
    if (!(gold.width() > 0 && gold.height() > 0)) {
      throw new InvalidReferenceException(r.where(key) + " has no area");
    }
    Coords refCoords = r.choice("coords", Coords.PIXEL);
    ImageSize size = r.imageSize() != null ? r.imageSize() : o.imageSize();
    Coords frame = commonFrame(predCoords, refCoords, size);

    double format = rule.score(item.response());
    Map<String, Double> components = new LinkedHashMap<>();
    Map<String, Object> details = new LinkedHashMap<>();
    double accuracy;
    try {
      Box predicted = firstBox(item.response(), boxFormat, details);
      double value =
          overlap.between(
              predCoords.convert(predicted, frame, size), refCoords.convert(gold, frame, size));
      components.put("iou", value);
      accuracy = rewardKind == GroundingReward.IOU ? value : value > threshold ? 1.0 : 0.0;
      details.put(
          "predicted", List.of(predicted.x1(), predicted.y1(), predicted.x2(), predicted.y2()));
      details.put("reason", overlap.name().toLowerCase(Locale.ROOT) + " " + value);
    } catch (MalformedAnswerException | MalformedJsonException e) {
      accuracy = rewardKind == GroundingReward.IOU ? overlap.floor() : 0;
      components.put("iou", overlap.floor());
      details.put("reason", e.getMessage());
    }
    if (rule.scored()) {
      components.put("format", format);
    }
    return ScoreResult.ok(item.id(), accuracy + (rule.scored() ? format : 0), components, details);
  }

  private Box firstBox(String response, BoxFormat boxFormat, Map<String, Object> details) {
    Object json = LenientJson.firstValue(AnswerRegion.of(response), maxAnswerChars);
    List<LabeledBox> boxes =
        new BoxReader(boxFormat, MalformedAnswerException::new)
            .list(json, Integer.MAX_VALUE, "answer");
    if (boxes.isEmpty()) {
      throw new MalformedAnswerException("answer lists no box");
    }
    if (boxes.size() > 1) {
      details.put("boxes_seen", boxes.size());
    }
    return boxes.get(0).box();
  }
}
