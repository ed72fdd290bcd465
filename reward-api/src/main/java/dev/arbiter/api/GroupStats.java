package dev.arbiter.api;

import java.util.Map;

/**
 * Statistics of the rewards of one prompt's rollouts.
 *
 * @param size items in the group
 * @param scored items with a usable reward (masked and null rewards are left out)
 * @param mean mean of the usable rewards
 * @param std population standard deviation of the usable rewards
 * @param zeroVariance true when all usable rewards are equal: no GRPO signal, trainers may filter
 * @param advantages GRPO advantages {@code (r - mean) / (std + eps)} by item id
 * @param drGrpoAdvantages Dr. GRPO advantages {@code r - mean} by item id
 */
public record GroupStats(
    int size,
    int scored,
    double mean,
    double std,
    boolean zeroVariance,
    Map<String, Double> advantages,
    Map<String, Double> drGrpoAdvantages) {}
