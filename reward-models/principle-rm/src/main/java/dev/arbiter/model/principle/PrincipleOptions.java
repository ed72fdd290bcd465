package dev.arbiter.model.principle;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.Required;
import dev.arbiter.api.fields.Size;
import java.util.List;

/**
 * The {@code principle} options as bound by {@link ItemFields} (and published by {@code
 * RecordSchemas}). A null {@code principles}, {@code principle_set} or {@code mode} means the
 * configured default, which {@link PrincipleCatalog} applies.
 *
 * @param principles inline principles, instead of a set
 * @param principleSet a configured set, instead of inline principles
 * @param mode joint or per principle
 * @param sampleK score k principles drawn by weight without replacement
 * @param seed the seed of that draw, mixed with the item (default 0)
 */
@JsonClassDescription("principle options")
record PrincipleOptions(
    @JsonPropertyDescription("inline principles (not with principle_set)")
        @Size(min = 1, max = PrincipleOptions.MAX_PRINCIPLES)
        List<Inline> principles,
    @JsonPropertyDescription(
            "a configured set (not with principles); default: arbiter.principle.default-set"
                + " ('hhh' unless configured)")
        String principleSet,
    @JsonPropertyDescription(
            "joint: one score for all principles; per_principle: one component each, the reward"
                + " their weighted mean; default: arbiter.principle.default-mode (joint unless"
                + " configured)")
        ScoringMode mode,
    @JsonPropertyDescription(
            "score k principles drawn by weight without replacement, seeded per item")
        @Range(min = 1, max = Integer.MAX_VALUE)
        Integer sampleK,
    @JsonPropertyDescription("seed of the sample_k draw, mixed with the item id") Long seed) {

  /** Most inline principles an item may carry. */
  static final int MAX_PRINCIPLES = 64;

  PrincipleOptions {
    seed = seed == null ? 0L : seed;
  }

  /**
   * One inline principle. Its checks (non-blank texts, a positive finite weight) are {@link
   * Principle}'s, made by {@link #toPrinciple()}.
   */
  @JsonClassDescription("a principle")
  record Inline(
      @JsonPropertyDescription("short name, the component name in per_principle mode") @Required
          String dimension,
      @JsonPropertyDescription("what a good response does") @Required String definition,
      @JsonPropertyDescription("what a bad response does") String negativeDefinition,
      @JsonPropertyDescription("relative weight, positive") Double weight) {

    Inline {
      weight = weight == null ? 1.0 : weight;
    }

    Principle toPrinciple() {
      return new Principle(dimension, definition, negativeDefinition, weight);
    }
  }
}
