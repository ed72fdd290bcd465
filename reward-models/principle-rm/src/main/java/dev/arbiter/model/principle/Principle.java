package dev.arbiter.model.principle;

/**
 * A human-written principle as in SALMON: what to reward along one dimension.
 *
 * @param dimension short name, reported as the component name in {@code per_principle} mode
 * @param definition what a good response does
 * @param negativeDefinition what a bad response does (optional; used by the embedded contrast
 *     scorer and available to templates as {@code {negative_definition}})
 * @param weight relative weight in combinations and in sampling; positive
 */
public record Principle(
    String dimension, String definition, String negativeDefinition, double weight) {

  public Principle {
    if (dimension == null || dimension.isBlank()) {
      throw new IllegalArgumentException("a principle needs a non-blank 'dimension'");
    }
    if (definition == null || definition.isBlank()) {
      throw new IllegalArgumentException(
          "principle '" + dimension + "' needs a non-blank 'definition'");
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "principle '" + dimension + "' needs a positive finite 'weight', is " + weight);
    }
    negativeDefinition =
        negativeDefinition == null || negativeDefinition.isBlank() ? null : negativeDefinition;
  }

  /** Fills {@code {dimension}}, {@code {definition}} and {@code {negative_definition}}. */
  public String render(String template) {
    return template
        .replace("{dimension}", dimension)
        .replace("{negative_definition}", negativeDefinition == null ? "" : negativeDefinition)
        .replace("{definition}", definition);
  }
}
