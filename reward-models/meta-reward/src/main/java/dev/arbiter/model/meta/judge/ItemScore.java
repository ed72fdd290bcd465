package dev.arbiter.model.meta.judge;

/**
 * The judge's verdict on one rubric item.
 *
 * @param score integer points in {@code [0, maxPoints]}
 * @param rationale one sentence
 */
public record ItemScore(int score, String rationale) {}
