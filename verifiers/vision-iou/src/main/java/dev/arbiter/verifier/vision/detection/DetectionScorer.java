package dev.arbiter.verifier.vision.detection;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.api.json.LenientJson;
import dev.arbiter.api.json.MalformedJsonException;
import dev.arbiter.verifier.vision.geometry.Box;
import dev.arbiter.verifier.vision.geometry.Coords;
import dev.arbiter.verifier.vision.geometry.ImageSize;
import dev.arbiter.verifier.vision.internal.VisionScorerSupport;
import dev.arbiter.verifier.vision.parse.AnswerRegion;
import dev.arbiter.verifier.vision.parse.BoxReader;
import dev.arbiter.verifier.vision.parse.LabeledBox;
import dev.arbiter.verifier.vision.parse.MalformedAnswerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code detection}: the response lists boxes (usually inside {@code <answer>}), the reference
 * holds the ground truth. Components {@code iou}, {@code confidence}, {@code format} (and {@code
 * map} with {@code reward: map}); the total is the chosen accuracy terms plus the format term.
 */
public final class DetectionScorer extends VisionScorerSupport {

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "detection",
          VERSION,
          "Visual-RFT detection reward: IoU + confidence + format (greedy or Hungarian matching,"
              + " GIoU/DIoU, mAP)",
          RecordSchemas.reference(DetectionReference.Fields.class),
          RecordSchemas.options(DetectionOptions.class));

  private final int maxBoxes;
  private final int maxAnswerChars;

  /**
   * @param maxBoxes most boxes a response or reference may list
   * @param maxAnswerChars most characters of answer text parsed as JSON
   */
  public DetectionScorer(int maxBoxes, int maxAnswerChars) {
    super(DESCRIPTOR);
    this.maxBoxes = maxBoxes;
    this.maxAnswerChars = maxAnswerChars;
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item) {
    DetectionOptions o = DetectionOptions.read(item.options());
    DetectionReference ref = DetectionReference.read(item.reference(), o.labelAware(), maxBoxes);
    ImageSize size = ref.imageSize() != null ? ref.imageSize() : o.imageSize();
    Coords frame = commonFrame(o.coords(), ref.coords(), size);
    double format = o.format().score(item.response());
    List<LabeledBox> predicted;
    try {
      Object json = LenientJson.firstValue(AnswerRegion.of(item.response()), maxAnswerChars);
      predicted =
          new BoxReader(o.boxFormat(), MalformedAnswerException::new)
              .list(json, maxBoxes, "answer");
    } catch (MalformedAnswerException | MalformedJsonException e) {
      return floor(item.id(), o, format, e.getMessage());
    }
    int parsed = predicted.size();
    List<LabeledBox> preds = dedupeAndRank(predicted, o.labelAware());
    Box[] p = convert(preds, o.coords(), frame, size);
    Box[] g = convert(ref.boxes(), ref.coords(), frame, size);
    double[][] overlap = new double[p.length][g.length];
    double[] confidence = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      confidence[i] = preds.get(i).confidence();
      for (int j = 0; j < g.length; j++) {
        overlap[i][j] =
            !o.labelAware() || sameLabel(preds.get(i).label(), ref.boxes().get(j).label())
                ? o.overlap().between(p[i], g[j])
                : Double.NaN;
      }
    }
    int[] match = o.matching().matcher().match(overlap, g.length, o.iouThreshold());
    double iou = VisualRftRewards.iou(overlap, match, g.length);
    double conf = VisualRftRewards.confidence(confidence, match);
    Map<String, Double> components = new LinkedHashMap<>();
    components.put("iou", iou);
    components.put("confidence", conf);
    double accuracy =
        switch (o.reward()) {
          case VISUAL_RFT -> iou + conf;
          case IOU -> iou;
          case MAP -> {
            double map = meanAveragePrecision(overlap, preds, ref.boxes(), o.labelAware());
            components.put("map", map);
            yield map;
          }
        };
    if (o.format().scored()) {
      components.put("format", format);
    }
    int matched = 0;
    for (int m : match) {
      matched += m >= 0 ? 1 : 0;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("predicted", p.length);
    details.put("duplicates", parsed - p.length);
    details.put("ground_truth", g.length);
    details.put("matched", matched);
    details.put(
        "reason",
        matched
            + " of "
            + p.length
            + " predicted boxes matched "
            + g.length
            + " ground-truth boxes ("
            + o.overlap().name().toLowerCase(Locale.ROOT)
            + " > "
            + o.iouThreshold()
            + ", "
            + o.matching().name().toLowerCase(Locale.ROOT)
            + ")");
    return ScoreResult.ok(item.id(), accuracy + formatTerm(o, format), components, details);
  }

  private static ScoreResult floor(String id, DetectionOptions o, double format, String reason) {
    Map<String, Double> components = new LinkedHashMap<>();
    components.put("iou", 0.0);
    components.put("confidence", 0.0);
    if (o.reward() == DetectionReward.MAP) {
      components.put("map", 0.0);
    }
    if (o.format().scored()) {
      components.put("format", format);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason);
    return ScoreResult.ok(id, formatTerm(o, format), components, details);
  }

  private static double formatTerm(DetectionOptions o, double format) {
    return o.format().scored() ? format : 0;
  }

  /**
   * Visual-RFT's preprocessing: exact duplicate boxes (same coordinates, and same label when
   * matching is label-aware) are dropped, first kept; the rest sorted by confidence, highest first,
   * stable.
   */
  static List<LabeledBox> dedupeAndRank(List<LabeledBox> boxes, boolean labelAware) {
    List<LabeledBox> unique = new ArrayList<>(boxes.size());
    for (LabeledBox b : boxes) {
      boolean seen = false;
      for (LabeledBox u : unique) {
        if (u.box().equals(b.box()) && (!labelAware || sameLabel(u.label(), b.label()))) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        unique.add(b);
      }
    }
    unique.sort(Comparator.comparingDouble(LabeledBox::confidence).reversed());
    return unique;
  }

  private static Box[] convert(List<LabeledBox> boxes, Coords from, Coords to, ImageSize size) {
    Box[] out = new Box[boxes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = from.convert(boxes.get(i).box(), to, size);
    }
    return out;
  }

  static boolean sameLabel(String a, String b) {
    return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
  }

  private static double meanAveragePrecision(
      double[][] overlap, List<LabeledBox> preds, List<LabeledBox> gts, boolean labelAware) {
    int[] predClass = new int[preds.size()];
    int[] gtClass = new int[gts.size()];
    int classes = 1;
    if (labelAware) {
      Map<String, Integer> ids = new HashMap<>();
      for (int j = 0; j < gtClass.length; j++) {
        gtClass[j] = ids.computeIfAbsent(key(gts.get(j).label()), k -> ids.size());
      }
      for (int i = 0; i < predClass.length; i++) {
        predClass[i] = ids.computeIfAbsent(key(preds.get(i).label()), k -> ids.size());
      }
      classes = ids.size();
    }
    return MeanAveragePrecision.of(overlap, predClass, gtClass, classes);
  }

  private static String key(String label) {
    return label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
  }
}
