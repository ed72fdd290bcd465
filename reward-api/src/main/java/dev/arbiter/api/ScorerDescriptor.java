package dev.arbiter.api;

import java.util.Map;

/**
 * What {@code GET /v1/scorers} says of a scorer.
 *
 * @param id the scorer id used in {@link ScoreItem#scorer()}
 * @param version the implementation label, e.g. {@code vision-iou/0.1.0}
 * @param description one line
 * @param referenceSchema JSON Schema of {@link ScoreItem#reference()}
 * @param optionsSchema JSON Schema of {@link ScoreItem#options()}
 */
public record ScorerDescriptor(
    String id,
    String version,
    String description,
    Map<String, Object> referenceSchema,
    Map<String, Object> optionsSchema) {}
