package dev.arbiter.trainer.filter;

import java.util.Map;

/**
 * What the instance filter did, for the run report and {@code summary.json}.
 *
 * @param k rollouts sampled per instance
 * @param instances instances judged (the training pool)
 * @param kept instances left for training (unjudged ones included)
 * @param unjudged kept because some rollout had no usable reward
 * @param droppedAllFloor dropped: every rollout at the floor reward
 * @param droppedAllSolved dropped: every rollout solved (only with {@code filter_drop_solved})
 * @param droppedShare dropped instances / instances
 * @param keptByCategory instances kept per task category
 * @param gatewayItems rollouts scored through the gateway for the filter
 * @param seconds time the filter took (generation + scoring)
 */
public record FilterReport(
    int k,
    int instances,
    int kept,
    int unjudged,
    int droppedAllFloor,
    int droppedAllSolved,
    double droppedShare,
    Map<String, Integer> keptByCategory,
    int gatewayItems,
    double seconds) {}
