package dev.arbiter.verifier.rules.critique;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.api.fields.Required;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import java.util.Locale;
import java.util.Map;

/**
 * {@code critique}: Critique-Coder's critique reward — 1 when the critique's last conclusion
 * ({@link ConclusionReader}) equals the gold label of the critiqued solution, else 0. No readable
 * conclusion is 0 with the reason.
 */
public final class CritiqueScorer extends RuleScorer<CritiqueScorer.Options> {

  @JsonClassDescription("critique takes no options")
  record Options() {}

  @JsonClassDescription("the gold correctness label of the critiqued solution")
  record Reference(
      @JsonPropertyDescription(
              "true/false, \"T\"/\"F\", \"correct\"/\"incorrect\", \"right\"/\"wrong\" or 1/0"
                  + " (also accepted as 'correct')")
          @JsonAlias("correct")
          @Required
          Object label) {}

  private static final Map<String, Boolean> LABELS =
      Map.ofEntries(
          Map.entry("t", true),
          Map.entry("true", true),
          Map.entry("correct", true),
          Map.entry("right", true),
          Map.entry("yes", true),
          Map.entry("1", true),
          Map.entry("f", false),
          Map.entry("false", false),
          Map.entry("incorrect", false),
          Map.entry("wrong", false),
          Map.entry("no", false),
          Map.entry("0", false));

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "critique",
          VERSION,
          "critique reward: 1 iff the last \\conclusion{T|F} matches the solution's gold label",
          RecordSchemas.reference(Reference.class),
          RecordSchemas.options(Options.class));

  public CritiqueScorer(int maxResponseChars) {
    super(DESCRIPTOR, Options.class, maxResponseChars);
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item, Options o) {
    boolean gold = label(ItemFields.reference(item.reference(), Reference.class));
    ConclusionReader.Conclusion c = ConclusionReader.last(item.response());
    if (c == null) {
      return ScoreResult.ok(
          item.id(),
          0.0,
          Map.of("critique", 0.0),
          reason(
              "no readable conclusion (\\conclusion{T|F}, Conclusion: right|wrong, \\boxed{T|F})"));
    }
    double reward = c.correct() == gold ? 1 : 0;
    Map<String, Object> details =
        reason(
            "conclusion says "
                + (c.correct() ? "correct" : "incorrect")
                + ", gold label "
                + (gold ? "correct" : "incorrect"));
    details.put("conclusion", c.marker());
    return ScoreResult.ok(item.id(), reward, Map.of("critique", reward), details);
  }

  private static boolean label(Reference r) {
    Object v = r.label();
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
      return n.doubleValue() == 1;
    }
    if (v instanceof String s) {
      Boolean b = LABELS.get(s.strip().toLowerCase(Locale.ROOT));
      if (b != null) {
        return b;
      }
    }
    throw InvalidItemException.reference(
        "reference.label must be true/false, T/F, correct/incorrect, right/wrong or 1/0, got " + v);
  }
}
