package dev.arbiter.api.fields;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Copies of the option and reference records that the scorers bind with {@link ItemFields}
 * (components, annotations and compact constructors as in the scorers on 2026-12-01; the originals
 * are private to their modules, which depend on this one). Descriptions are shortened.
 */
final class ScorerRecordCopies {

  private ScorerRecordCopies() {}

  // --- verifiers/rules

  /** LengthScorer.Mode. */
  enum Mode {
    COSINE,
    OVERLONG
  }

  /** LengthScorer.Unit. */
  enum Unit {
    CHARS,
    WORDS
  }

  /** LengthScorer.Options. */
  @JsonClassDescription("length options")
  record LengthOptions(
      @JsonPropertyDescription("which length reward") Mode mode,
      @JsonPropertyDescription("cosine: whether the answer is correct") Boolean correct,
      @JsonPropertyDescription("tokens") @Range(min = 0, max = Integer.MAX_VALUE) Integer tokens,
      @JsonPropertyDescription("unit") Unit unit,
      @JsonPropertyDescription("a") @Range(min = -1e6, max = 1e6) Double minValueWrong,
      @JsonPropertyDescription("b") @Range(min = -1e6, max = 1e6) Double maxValueWrong,
      @JsonPropertyDescription("c") @Range(min = -1e6, max = 1e6) Double minValueCorrect,
      @JsonPropertyDescription("d") @Range(min = -1e6, max = 1e6) Double maxValueCorrect,
      @JsonPropertyDescription("e") @Range(min = 1, max = Integer.MAX_VALUE) Integer maxLen,
      @JsonPropertyDescription("f") Boolean clamp,
      @JsonPropertyDescription("g") @Range(min = 1, max = Integer.MAX_VALUE)
          Integer maxCompletionLen,
      @JsonPropertyDescription("h") @Range(min = 0, max = Integer.MAX_VALUE)
          Integer softPunishCache) {
    LengthOptions {
      mode = mode == null ? Mode.COSINE : mode;
      unit = unit == null ? Unit.CHARS : unit;
      minValueWrong = minValueWrong == null ? -1.0 : minValueWrong;
      maxValueWrong = maxValueWrong == null ? -0.5 : maxValueWrong;
      minValueCorrect = minValueCorrect == null ? 0.5 : minValueCorrect;
      maxValueCorrect = maxValueCorrect == null ? 1.0 : maxValueCorrect;
      maxLen = maxLen == null ? 1000 : maxLen;
      clamp = clamp == null || clamp;
      maxCompletionLen = maxCompletionLen == null ? 16384 : maxCompletionLen;
      softPunishCache = softPunishCache == null ? 4096 : softPunishCache;
    }
  }

  /** TruthfulnessScorer.Variant. */
  enum Variant {
    TERNARY,
    BINARY,
    KNOWLEDGE_ENHANCED
  }

  /** TruthfulnessScorer.Match. */
  enum Match {
    EXACT,
    CONTAINS
  }

  /** TruthfulnessScorer.Options. */
  @JsonClassDescription("truthfulness options")
  record TruthfulnessOptions(
      @JsonPropertyDescription("TruthRL reward design") Variant variant,
      @JsonPropertyDescription("boxed") Boolean requireBoxed,
      @JsonPropertyDescription("match") Match match,
      @JsonPropertyDescription("judge") Boolean judge) {
    TruthfulnessOptions {
      variant = variant == null ? Variant.TERNARY : variant;
      requireBoxed = requireBoxed == null || requireBoxed;
      match = match == null ? Match.EXACT : match;
      judge = judge != null && judge;
    }
  }

  /** TruthfulnessScorer.Reference. */
  record TruthfulnessReference(
      @JsonPropertyDescription("the gold answer, or a list of aliases")
          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          @Required
          List<String> answer,
      @JsonPropertyDescription("more accepted answers")
          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> aliases,
      @JsonPropertyDescription("out of knowledge") Boolean outOfKnowledge) {
    TruthfulnessReference {
      outOfKnowledge = outOfKnowledge != null && outOfKnowledge;
    }
  }

  /** ToolRlCorrectness.Granularity. */
  enum Granularity {
    FINE,
    INTERMEDIATE,
    COARSE
  }

  /** ToolCallScorer.Options. */
  record ToolCallOptions(
      @JsonPropertyDescription("ToolRL correctness variant") Granularity granularity,
      @JsonPropertyDescription("max") @Range(min = -100, max = 100) Double maxReward,
      @JsonPropertyDescription("min") @Range(min = -100, max = 100) Double minReward,
      @JsonPropertyDescription("format") Boolean format,
      @JsonPropertyDescription("untagged") Boolean untagged) {
    ToolCallOptions {
      granularity = granularity == null ? Granularity.FINE : granularity;
      maxReward = maxReward == null ? 3.0 : maxReward;
      minReward = minReward == null ? -3.0 : minReward;
      format = format == null || format;
      untagged = untagged != null && untagged;
    }
  }

  /** ToolCallScorer.Reference: raw components, so always Jackson. */
  record ToolCallReference(
      @JsonPropertyDescription("answer") String answer,
      @JsonPropertyDescription("calls") @SchemaAs(Object[].class) Object toolCalls,
      @JsonPropertyDescription("response") @SchemaAs(String.class) Object response) {}

  /** RepetitionScorer.Options. */
  record RepetitionOptions(
      @JsonPropertyDescription("n") @Range(min = 1, max = 64) Integer ngramSize,
      @JsonPropertyDescription("penalty") @Range(min = -1e6, max = 0) Double maxPenalty) {
    RepetitionOptions {
      ngramSize = ngramSize == null ? 3 : ngramSize;
      maxPenalty = maxPenalty == null ? -1.0 : maxPenalty;
    }
  }

  /** FormatScorer.Options. */
  record FormatOptions(@JsonPropertyDescription("tag count") Boolean tagCount) {
    FormatOptions {
      tagCount = tagCount == null || tagCount;
    }
  }

  /** ReasoningStepsScorer.Options. */
  record ReasoningStepsOptions(
      @JsonPropertyDescription("target") @Range(min = 1, max = 1000) Integer target) {
    ReasoningStepsOptions {
      target = target == null ? 3 : target;
    }
  }

  /** WebActionScorer.Options. */
  record WebActionOptions(
      @JsonPropertyDescription("rouge") @Range(min = 0, max = 1) Double rougeThreshold,
      @JsonPropertyDescription("dars") @Range(min = 0, max = 1e6) Double dars) {
    WebActionOptions {
      rougeThreshold = rougeThreshold == null ? 0.75 : rougeThreshold;
      dars = dars == null ? 1.0 : dars;
    }
  }

  /** WebActionScorer.Reference: a raw component, so always Jackson. */
  record WebActionReference(
      @JsonPropertyDescription("type") String type,
      @JsonPropertyDescription("name") String name,
      @JsonPropertyDescription("text") String text,
      @JsonPropertyDescription("nested") @SchemaAs(Object.class) Object action) {}

  /** CritiqueScorer.Options: no options at all. */
  record CritiqueOptions() {}

  /** CritiqueScorer.Reference: an alias and a raw component, so always Jackson. */
  record CritiqueReference(@JsonAlias("correct") @Required Object label) {}

  // --- verifiers/vision-iou

  /** LabelMatch: constants with bodies. */
  enum LabelMatch {
    EXACT {
      @Override
      boolean test(String answer, String label) {
        return answer.equals(label);
      }
    },
    IEQUALS {
      @Override
      boolean test(String answer, String label) {
        return answer.equalsIgnoreCase(label);
      }
    },
    CONTAINS {
      @Override
      boolean test(String answer, String label) {
        return answer.contains(label);
      }
    };

    abstract boolean test(String answer, String label);
  }

  /** FormatRule (constants with bodies too). */
  enum FormatRule {
    THINK_ANSWER {
      @Override
      boolean test(String response) {
        return response.contains("<think>");
      }
    },
    ANSWER {
      @Override
      boolean test(String response) {
        return response.contains("<answer>");
      }
    },
    NONE {
      @Override
      boolean test(String response) {
        return true;
      }
    };

    abstract boolean test(String response);
  }

  /** ClassificationFields.Options. */
  @JsonClassDescription("classification options")
  record ClassificationOptions(
      @JsonPropertyDescription("match") LabelMatch match,
      @JsonPropertyDescription("format") FormatRule format) {
    ClassificationOptions {
      match = match == null ? LabelMatch.CONTAINS : match;
      format = format == null ? FormatRule.THINK_ANSWER : format;
    }
  }

  /** ClassificationFields.Reference. */
  @JsonClassDescription("the gold label")
  record ClassificationReference(
      @JsonPropertyDescription("the class name") @Required String label,
      @JsonPropertyDescription("other accepted names") List<String> aliases) {}

  /** ImageSize: a record read from a list by a delegating creator. */
  record ImageSize(double width, double height) {
    @com.fasterxml.jackson.annotation.JsonCreator(
        mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    static ImageSize of(List<Double> wh) {
      return new ImageSize(wh.get(0), wh.get(1));
    }
  }

  /** DetectionOptions (abridged): an ImageSize component, so always Jackson. */
  record DetectionOptions(
      @Range(min = 0, max = 1) Double iouThreshold,
      Boolean labelAware,
      @JsonProperty("iou_type") String overlap,
      @SchemaAs(double[].class) @Size(min = 2, max = 2) ImageSize imageSize,
      FormatRule format) {}
}
