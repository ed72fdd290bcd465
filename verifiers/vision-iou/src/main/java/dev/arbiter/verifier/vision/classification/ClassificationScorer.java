package dev.arbiter.verifier.vision.classification;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.verifier.vision.internal.VisionScorerSupport;
import dev.arbiter.verifier.vision.parse.AnswerRegion;
import dev.arbiter.verifier.vision.parse.FormatRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code classification}: the answer ({@code <answer>…</answer>}, or the whole response) against
 * the reference label or one of its aliases. Components {@code accuracy} (1 or 0) and {@code
 * format}; the total is their sum.
 */
public final class ClassificationScorer extends VisionScorerSupport {

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "classification",
          VERSION,
          "CLS-RL / Visual-RFT classification: normalized answer vs label (exact, contains,"
              + " iequals) + format",
          RecordSchemas.reference(ClassificationFields.Reference.class),
          RecordSchemas.options(ClassificationFields.Options.class));

  private final int maxAnswerChars;

  public ClassificationScorer(int maxAnswerChars) {
    super(DESCRIPTOR);
    this.maxAnswerChars = maxAnswerChars;
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item) {
    ClassificationFields.Options o =
        ItemFields.options(item.options(), ClassificationFields.Options.class);
    LabelMatch match = o.match();
    FormatRule rule = o.format();
    List<String> labels =
        labels(ItemFields.reference(item.reference(), ClassificationFields.Reference.class));

    String answer = AnswerRegion.of(item.response());
    double accuracy = 0;
    String reason;
    if (answer.isEmpty()) {
      reason = "answer is empty";
    } else if (answer.length() > maxAnswerChars) {
      reason = "answer is " + answer.length() + " characters; the limit is " + maxAnswerChars;
    } else {
      String hit = null;
      for (String label : labels) {
        if (match.test(answer, label)) {
          hit = label;
          break;
        }
      }
      accuracy = hit == null ? 0 : 1;
      reason = hit == null ? "answer does not match the label" : "answer matches '" + hit + "'";
    }
    double format = rule.score(item.response());
    Map<String, Double> components = new LinkedHashMap<>();
    components.put("accuracy", accuracy);
    if (rule.scored()) {
      components.put("format", format);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (answer.length() <= 200) {
      details.put("extracted", answer);
    }
    details.put("gold", labels.get(0));
    details.put("reason", reason);
    return ScoreResult.ok(item.id(), accuracy + (rule.scored() ? format : 0), components, details);
  }

  private static List<String> labels(ClassificationFields.Reference r) {
    if (LabelMatch.normalize(r.label()).isEmpty()) {
      throw InvalidItemException.reference("reference.label is missing or blank");
    }
    List<String> out = new ArrayList<>();
    out.add(r.label());
    if (r.aliases() != null) {
      for (String a : r.aliases()) {
        if (a == null || LabelMatch.normalize(a).isEmpty()) {
          throw InvalidItemException.reference("reference.aliases must be non-blank strings");
        }
        out.add(a);
      }
    }
    return out;
  }
}
