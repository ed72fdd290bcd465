package dev.arbiter.verifier.vision.classification;

import static dev.arbiter.verifier.vision.internal.Schemas.array;
import static dev.arbiter.verifier.vision.internal.Schemas.choice;
import static dev.arbiter.verifier.vision.internal.Schemas.format;
import static dev.arbiter.verifier.vision.internal.Schemas.object;
import static dev.arbiter.verifier.vision.internal.Schemas.props;
import static dev.arbiter.verifier.vision.internal.Schemas.string;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.verifier.vision.internal.FieldReader;
import dev.arbiter.verifier.vision.internal.InvalidReferenceException;
import dev.arbiter.verifier.vision.internal.VisionScorerSupport;
import dev.arbiter.verifier.vision.parse.AnswerRegion;
import dev.arbiter.verifier.vision.parse.FormatRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code classification}: the answer ({@code <answer>…</answer>}, or the whole response) against
 * the reference label or one of its aliases. Components {@code accuracy} (1 or 0) and {@code
 * format}; the total is their sum.
 */
public final class ClassificationScorer extends VisionScorerSupport {

  private static final Set<String> OPTIONS = Set.of("match", "format");

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "classification",
          VERSION,
          "CLS-RL / Visual-RFT classification: normalized answer vs label (exact, contains,"
              + " iequals) + format",
          object(
              "the gold label",
              props(
                  "label", string("the class name"),
                  "aliases", array("other accepted names", string("an accepted name"))),
              "label"),
          object(
              "classification options",
              props(
                  "match",
                  choice(
                      "exact (normalized), contains (squashed, case-insensitive) or iequals"
                          + " (normalized, case-insensitive)",
                      "contains",
                      "exact",
                      "contains",
                      "iequals"),
                  "format",
                  format())));

  private final int maxAnswerChars;

  public ClassificationScorer(int maxAnswerChars) {
    super(DESCRIPTOR);
    this.maxAnswerChars = maxAnswerChars;
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item) {
    FieldReader o = FieldReader.options(item.options(), OPTIONS);
    LabelMatch match = o.choice("match", LabelMatch.CONTAINS);
    FormatRule rule = o.choice("format", FormatRule.THINK_ANSWER);
    List<String> labels = labels(FieldReader.reference(item.reference()));

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

  private static List<String> labels(FieldReader r) {
    String label = r.string("label", null);
    if (label == null || LabelMatch.normalize(label).isEmpty()) {
      throw new InvalidReferenceException("reference.label is missing or blank");
    }
    List<String> out = new ArrayList<>();
    out.add(label);
    Object aliases = r.raw("aliases");
    if (aliases != null) {
      if (!(aliases instanceof List<?> list)) {
        throw new InvalidReferenceException("reference.aliases must be a list of strings");
      }
      for (Object a : list) {
        if (!(a instanceof String s) || LabelMatch.normalize(s).isEmpty()) {
          throw new InvalidReferenceException("reference.aliases must be non-blank strings");
        }
        out.add(s);
      }
    }
    return out;
  }
}
