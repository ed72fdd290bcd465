package dev.arbiter.verifier.vision.gui;

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
import dev.arbiter.verifier.vision.parse.FormatRule;
import dev.arbiter.verifier.vision.parse.MalformedAnswerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code gui-action}: one predicted GUI action against the reference action. Components {@code
 * type} (1 when the action types agree), {@code args} (mean of the argument scores the reference
 * calls for — location, text, direction — and 0 when the types disagree) and {@code format}; the
 * total is their sum.
 */
public final class GuiActionScorer extends VisionScorerSupport {

  private static final List<String> TYPE_KEYS = List.of("action", "action_type");
  private static final List<String> POINT_KEYS = List.of("point", "coordinate", "click");
  private static final List<String> TEXT_KEYS = List.of("text", "content");

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "gui-action",
          VERSION,
          "MagicGUI-style GUI action reward: type match + location (box/radius, distance-shaped)"
              + " / text F1 / direction + format",
          RecordSchemas.reference(GuiActionFields.Reference.class),
          RecordSchemas.options(GuiActionFields.Options.class));

  private final int maxAnswerChars;

  public GuiActionScorer(int maxAnswerChars) {
    super(DESCRIPTOR);
    this.maxAnswerChars = maxAnswerChars;
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item) {
    GuiActionFields.Options o = ItemFields.options(item.options(), GuiActionFields.Options.class);
    Coords predCoords = o.coords();
    FormatRule rule = o.format();
    GuiActionFields.Reference r =
        ItemFields.reference(item.reference(), GuiActionFields.Reference.class);
    GuiAction gold =
        readAction(item.reference()::get, InvalidItemException::reference, "reference");
    if (gold.type().isEmpty()) {
      throw InvalidItemException.reference("reference.action is missing or blank");
    }
    if (gold.box() != null && !(gold.box().width() > 0 && gold.box().height() > 0)) {
      throw InvalidItemException.reference("reference.box has no area");
    }
    Coords refCoords = r.coords();
    ImageSize size = r.imageSize() != null ? r.imageSize() : o.imageSize();
    boolean located = gold.box() != null || gold.point() != null;
    if (located && size == null && (refCoords == Coords.PIXEL || predCoords == Coords.PIXEL)) {
      throw InvalidItemException.reference(
          "image_size [w, h] is needed (in reference or options) to place pixel coordinates on"
              + " the screen");
    }

    double format = rule.score(item.response());
    Map<String, Double> components = new LinkedHashMap<>();
    Map<String, Object> details = new LinkedHashMap<>();
    double type = 0;
    double args = 0;
    try {
      GuiAction predicted = parseAnswer(item.response());
      details.put("predicted_action", predicted.type());
      type = predicted.type().equals(gold.type()) ? 1 : 0;
      List<Double> parts = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      if (located) {
        double loc = location(predicted, gold, o, refCoords, size, details, notes);
        details.put("location", loc);
        parts.add(loc);
      }
      if (gold.text() != null) {
        double f1 = predicted.text() == null ? 0 : TokenF1.of(predicted.text(), gold.text());
        details.put("text_f1", f1);
        parts.add(f1);
      }
      if (gold.direction() != null) {
        double dir = gold.direction().equals(predicted.direction()) ? 1 : 0;
        details.put("direction", dir);
        parts.add(dir);
      }
      double mean = parts.stream().mapToDouble(Double::doubleValue).average().orElse(1.0);
      args = type == 1 ? mean : 0;
      details.put(
          "reason",
          (type == 1
                  ? "action type matches"
                  : "action type " + predicted.type() + " != " + gold.type())
              + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
    } catch (MalformedAnswerException | MalformedJsonException e) {
      details.put("reason", e.getMessage());
    }
    components.put("type", type);
    components.put("args", args);
    if (rule.scored()) {
      components.put("format", format);
    }
    return ScoreResult.ok(
        item.id(), type + args + (rule.scored() ? format : 0), components, details);
  }

  /**
   * 1 when the click lies inside the target box or within {@code radius} of the target point (the
   * box center when no point is given); otherwise {@code bonusScale * max(0, 1 - (d - radius) /
   * falloff)} with {@code d} the distance to the target point. Distances are measured in screen
   * fractions (x / width, y / height).
   */
  private static double location(
      GuiAction predicted,
      GuiAction gold,
      GuiActionFields.Options o,
      Coords refCoords,
      ImageSize size,
      Map<String, Object> details,
      List<String> notes) {
    Coords predCoords = o.coords();
    double radius = o.radius();
    double[] p = predicted.point();
    if (p == null && predicted.box() != null) {
      p = new double[] {predicted.box().centerX(), predicted.box().centerY()};
    }
    if (p == null) {
      notes.add("answer has no point");
      return 0;
    }
    double px = predCoords.normalize(p[0], size, true);
    double py = predCoords.normalize(p[1], size, false);
    Box target = gold.box() == null ? null : refCoords.convert(gold.box(), Coords.NORMALIZED, size);
    double tx;
    double ty;
    if (gold.point() != null) {
      tx = refCoords.normalize(gold.point()[0], size, true);
      ty = refCoords.normalize(gold.point()[1], size, false);
    } else {
      tx = target.centerX();
      ty = target.centerY();
    }
    double d = Math.hypot(px - tx, py - ty);
    details.put("distance", d);
    boolean hit = (target != null && target.contains(px, py)) || d <= radius;
    details.put("hit", hit);
    return hit ? 1 : o.bonusScale() * Math.max(0, 1 - (d - radius) / o.falloff());
  }

  private GuiAction parseAnswer(String response) {
    String region = AnswerRegion.of(response);
    if (region.length() <= maxAnswerChars) {
      GuiAction point = PointAnswer.parse(region);
      if (point != null) {
        return point;
      }
    }
    Object json = LenientJson.firstValue(region, maxAnswerChars);
    if (json instanceof List<?> list
        && list.size() == 2
        && list.get(0) instanceof Number x
        && list.get(1) instanceof Number y) {
      return new GuiAction(
          "click", new double[] {x.doubleValue(), y.doubleValue()}, null, null, null);
    }
    if (json instanceof List<?> list && !list.isEmpty()) {
      json = list.get(0);
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw new MalformedAnswerException("answer must be a JSON object with an 'action'");
    }
    GuiAction action = readAction(map::get, MalformedAnswerException::new, "answer");
    if (action.type().isEmpty()) {
      throw new MalformedAnswerException("answer has no 'action'");
    }
    return action;
  }

  private static GuiAction readAction(
      Function<String, Object> field,
      Function<String, ? extends RuntimeException> error,
      String where) {
    String type = "";
    for (String k : TYPE_KEYS) {
      if (field.apply(k) instanceof String s) {
        type = GuiAction.normalizeType(s);
        break;
      } else if (field.apply(k) != null) {
        throw error.apply(where + "." + k + " must be a string");
      }
    }
    BoxReader boxes = new BoxReader(BoxFormat.XYXY, error);
    double[] point = null;
    for (String k : POINT_KEYS) {
      if (field.apply(k) != null) {
        point = boxes.numbers(field.apply(k), 2, where + "." + k);
        break;
      }
    }
    Box box = null;
    for (String k : BoxReader.BOX_KEYS) {
      if (field.apply(k) != null) {
        box = boxes.coordinates(field.apply(k), where + "." + k);
        break;
      }
    }
    String text = null;
    for (String k : TEXT_KEYS) {
      if (field.apply(k) != null) {
        if (!(field.apply(k) instanceof String s)) {
          throw error.apply(where + "." + k + " must be a string");
        }
        text = s;
        break;
      }
    }
    Object dir = field.apply("direction");
    if (dir != null && !(dir instanceof String)) {
      throw error.apply(where + ".direction must be a string");
    }
    String direction = dir == null ? null : ((String) dir).strip().toLowerCase(Locale.ROOT);
    return new GuiAction(type, point, box, text, direction);
  }
}
