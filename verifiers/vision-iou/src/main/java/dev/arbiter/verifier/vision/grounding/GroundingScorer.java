package dev.arbiter.verifier.vision.grounding;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.api.json.LenientJson;
import dev.arbiter.api.json.MalformedJsonException;
import dev.arbiter.verifier.vision.geometry.Box;
import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.internal.VisionScorerSupport;
import dev.arbiter.verifier.vision.parse.AnswerRegion;
import dev.arbiter.verifier.vision.parse.BoxFormat;
import dev.arbiter.verifier.vision.parse.BoxReader;
import dev.arbiter.verifier.vision.parse.LabeledBox;
import dev.arbiter.verifier.vision.parse.MalformedAnswerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code grounding}: the first box of the answer against the reference box. Components {@code iou}
 * (the overlap) and {@code format}; the total is the accuracy term (overlap, or 1 above the
 * threshold) plus the format term.
 */
public final class GroundingScorer extends VisionScorerSupport {

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "grounding",
          VERSION,
          "one predicted box vs one ground-truth box: IoU/GIoU/DIoU, or 1 above a threshold;"
              + " + format",
          RecordSchemas.reference(GroundingFields.Reference.class),
          RecordSchemas.options(GroundingFields.Options.class));

  private final int maxAnswerChars;

  public GroundingScorer(int maxAnswerChars) {
    super(DESCRIPTOR);
    this.maxAnswerChars = maxAnswerChars;
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item) {
    GroundingFields.Options o = ItemFields.options(item.options(), GroundingFields.Options.class);
    GroundingFields.Reference r =
        ItemFields.reference(item.reference(), GroundingFields.Reference.class);
    Box gold =
        new BoxReader(BoxFormat.XYXY, InvalidItemException::reference)
            .coordinates(r.box(), "reference.box");
    if (!(gold.width() > 0 && gold.height() > 0)) {
      throw InvalidItemException.reference("reference.box has no area");
    }
    Coords refCoords = r.coords();
    ImageSize size = r.imageSize() != null ? r.imageSize() : o.imageSize();
    Coords frame = commonFrame(o.coords(), refCoords, size);

    double format = o.format().score(item.response());
    Map<String, Double> components = new LinkedHashMap<>();
    Map<String, Object> details = new LinkedHashMap<>();
    double accuracy;
    try {
      Box predicted = firstBox(item.response(), o.boxFormat(), details);
      double value =
          o.overlap()
              .between(
                  o.coords().convert(predicted, frame, size), refCoords.convert(gold, frame, size));
      components.put("iou", value);
      accuracy = o.reward() == GroundingReward.IOU ? value : value > o.iouThreshold() ? 1.0 : 0.0;
      details.put(
          "predicted", List.of(predicted.x1(), predicted.y1(), predicted.x2(), predicted.y2()));
      details.put("reason", o.overlap().name().toLowerCase(Locale.ROOT) + " " + value);
    } catch (MalformedAnswerException | MalformedJsonException e) {
      accuracy = o.reward() == GroundingReward.IOU ? o.overlap().floor() : 0;
      components.put("iou", o.overlap().floor());
      details.put("reason", e.getMessage());
    }
    if (o.format().scored()) {
      components.put("format", format);
    }
    return ScoreResult.ok(
        item.id(), accuracy + (o.format().scored() ? format : 0), components, details);
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
