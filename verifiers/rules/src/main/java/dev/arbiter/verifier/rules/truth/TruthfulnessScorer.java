package dev.arbiter.verifier.rules.truth;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.api.fields.Required;
import dev.arbiter.model.judge.JudgeException;
import dev.arbiter.model.judge.JudgeMalformedResponseException;
import dev.arbiter.model.judge.JudgeRejectedException;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import dev.arbiter.verifier.rules.text.AnswerNormalizer;
import dev.arbiter.verifier.rules.text.BoxedAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code truthfulness}: TruthRL's reward. The answer is the last {@code \boxed{}} of the response.
 * Correct (normalized exact match against any gold alias, or the LLM judge's verdict when one is
 * configured and {@code judge: true}) is +1; an abstention ({@link AbstentionDetector}) is 0; a
 * wrong answer or no {@code \boxed{}} is −1. Variants: {@code binary} (abstaining is −1, the
 * accuracy-only baseline) and {@code knowledge_enhanced} (abstaining on a question the reference
 * marks {@code out_of_knowledge} is +1).
 */
public final class TruthfulnessScorer extends RuleScorer<TruthfulnessScorer.Options> {

  /** TruthRL's reward designs. */
  public enum Variant {
    TERNARY,
    BINARY,
    KNOWLEDGE_ENHANCED
  }

  /** How a gold answer is compared with the extracted one after normalization. */
  public enum Match {
    EXACT,
    CONTAINS
  }

  @JsonClassDescription("truthfulness options")
  record Options(
      @JsonPropertyDescription("TruthRL reward design") Variant variant,
      @JsonPropertyDescription(
              "the answer must be in \\boxed{} (TruthRL); false reads the whole response when"
                  + " there is no box")
          Boolean requireBoxed,
      @JsonPropertyDescription(
              "exact: normalized strings equal; contains: a gold answer appears in the answer at"
                  + " word boundaries")
          Match match,
      @JsonPropertyDescription(
              "ask the configured LLM judge when exact match fails (the service must have"
                  + " arbiter.rules.judge.base-url)")
          Boolean judge) {
    Options {
      variant = variant == null ? Variant.TERNARY : variant;
      requireBoxed = requireBoxed == null || requireBoxed;
      match = match == null ? Match.EXACT : match;
      judge = judge != null && judge;
    }
  }

  @JsonClassDescription("gold answers")
  record Reference(
      @JsonPropertyDescription("the gold answer, or a list of aliases")
          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          @Required
          List<String> answer,
      @JsonPropertyDescription("more accepted answers")
          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> aliases,
      @JsonPropertyDescription(
              "the question is beyond the model's knowledge (knowledge_enhanced: abstaining earns"
                  + " +1)")
          Boolean outOfKnowledge) {
    Reference {
      outOfKnowledge = outOfKnowledge != null && outOfKnowledge;
    }
  }

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "truthfulness",
          VERSION,
          "TruthRL ternary reward: +1 correct, 0 abstain (\"I don't know\"), -1 wrong or no"
              + " \\boxed{}",
          RecordSchemas.reference(Reference.class),
          RecordSchemas.options(Options.class));

  private final AnswerJudge judge;

  /**
   * @param judge the LLM judge, or null when none is configured ({@code judge: true} is then an
   *     invalid request)
   */
  public TruthfulnessScorer(int maxResponseChars, AnswerJudge judge) {
    super(DESCRIPTOR, Options.class, maxResponseChars);
    this.judge = judge;
  }

  @Override
  protected double floor(Options options) {
    return -1;
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item, Options o) {
    Variant variant = o.variant();
    boolean requireBoxed = o.requireBoxed();
    Match match = o.match();
    boolean useJudge = o.judge();
    if (useJudge && judge == null) {
      throw InvalidItemException.option(
          "options.judge is true but this service has no judge configured"
              + " (arbiter.rules.judge.base-url)");
    }
    Reference r = ItemFields.reference(item.reference(), Reference.class);
    List<String> golds = golds(r);
    boolean outOfKnowledge = r.outOfKnowledge();

    String boxed = BoxedAnswer.last(item.response());
    String answer = boxed != null ? boxed : requireBoxed ? null : item.response();
    Map<String, Object> details = new LinkedHashMap<>();
    if (answer == null) {
      details.put("reason", "no \\boxed{} answer");
      return result(item, -1, "wrong", details);
    }
    details.put("extracted", answer.length() > 200 ? answer.substring(0, 200) + "…" : answer);
    String normalized = AnswerNormalizer.normalize(answer);
    for (String gold : golds) {
      String g = AnswerNormalizer.normalize(gold);
      if (!g.isEmpty()
          && (match == Match.EXACT ? normalized.equals(g) : containsWords(normalized, g))) {
        details.put("reason", "matches gold answer '" + gold + "'");
        details.put("gold", gold);
        return result(item, 1, "correct", details);
      }
    }
    if (AbstentionDetector.abstains(answer)) {
      double reward =
          switch (variant) {
            case TERNARY -> 0;
            case BINARY -> -1;
            case KNOWLEDGE_ENHANCED -> outOfKnowledge ? 1 : 0;
          };
      details.put(
          "reason",
          "abstains"
              + (variant == Variant.KNOWLEDGE_ENHANCED && outOfKnowledge
                  ? " on an out-of-knowledge question"
                  : ""));
      return result(item, reward, "abstain", details);
    }
    if (useJudge) {
      try {
        boolean ok = judge.correct(item.prompt(), answer, golds);
        details.put("judge", ok ? "correct" : "incorrect");
        details.put("reason", "the judge says the answer is " + (ok ? "correct" : "wrong"));
        return result(item, ok ? 1 : -1, ok ? "correct" : "wrong", details);
      } catch (JudgeMalformedResponseException | JudgeRejectedException e) {
        return ScoreResult.failure(item.id(), ScoreStatus.ERROR, "judge: " + e.getMessage());
      } catch (JudgeException e) {
        return ScoreResult.failure(
            item.id(), ScoreStatus.SCORER_UNAVAILABLE, "judge: " + e.getMessage());
      }
    }
    details.put("reason", "matches no gold answer");
    return result(item, -1, "wrong", details);
  }

  private static ScoreResult result(
      ScoreItem item, double reward, String outcome, Map<String, Object> details) {
    details.put("outcome", outcome);
    return ScoreResult.ok(item.id(), reward, Map.of("truthfulness", reward), details);
  }

  private static List<String> golds(Reference r) {
    List<String> golds = new ArrayList<>(r.answer());
    if (r.aliases() != null) {
      golds.addAll(r.aliases());
    }
    golds.removeIf(g -> g == null || AnswerNormalizer.normalize(g).isEmpty());
    if (golds.isEmpty()) {
      throw InvalidItemException.reference(
          "reference.answer must name at least one non-blank gold answer");
    }
    return golds;
  }

  private static boolean containsWords(String text, String gold) {
    for (int at = text.indexOf(gold); at >= 0; at = text.indexOf(gold, at + 1)) {
      int end = at + gold.length();
      if ((at == 0 || text.charAt(at - 1) == ' ')
          && (end == text.length() || text.charAt(end) == ' ')) {
        return true;
      }
    }
    return false;
  }
}
