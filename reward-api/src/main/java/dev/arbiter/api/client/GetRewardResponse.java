package dev.arbiter.api.client;

import java.util.List;
import java.util.Map;

/**
 * The gateway's answer on OpenRLHF's {@code POST /get_reward}.
 *
 * @param rewards one per query
 * @param scores the same values (OpenRLHF's dynamic filtering reads them)
 * @param extraLogs per-query logs with the same keys on every call: {@code valid}, {@code masked},
 *     {@code prompt_truncated} and configured components
 */
public record GetRewardResponse(
    List<Double> rewards, List<Double> scores, Map<String, List<Double>> extraLogs) {}
