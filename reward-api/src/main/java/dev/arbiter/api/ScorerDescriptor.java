package dev.arbiter.api;

import java.time.Duration;
import java.util.Map;

/**
 * What {@code GET /v1/scorers} says of a scorer.
 *
 * @param id the scorer id used in {@link ScoreItem#scorer()}
 * @param version the implementation label, e.g. {@code vision-iou/0.1.0}
 * @param description one line
 * @param referenceSchema JSON Schema of {@link ScoreItem#reference()}
 * @param optionsSchema JSON Schema of {@link ScoreItem#options()}
 * @param timeLimitMs the worst-case time of scoring one item with default options, in milliseconds:
 *     the serving layer gives up on (and cancels) an item that runs longer, and a gateway derives
 *     the time limit of calls to a remote service from it (default {@link #DEFAULT_TIME_LIMIT})
 * @param cacheable false when the verdict is not a pure function of the item (an LLM judge, a
 *     rubric that is revised): a gateway then never caches or reuses it (default true)
 */
public record ScorerDescriptor(
    String id,
    String version,
    String description,
    Map<String, Object> referenceSchema,
    Map<String, Object> optionsSchema,
    Long timeLimitMs,
    Boolean cacheable) {

  /** The time limit of a scorer that declares none. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

  public ScorerDescriptor {
    timeLimitMs =
        timeLimitMs == null || timeLimitMs <= 0 ? DEFAULT_TIME_LIMIT.toMillis() : timeLimitMs;
    cacheable = cacheable == null || cacheable;
  }

  /** A cacheable scorer with the default time limit. */
  public ScorerDescriptor(
      String id,
      String version,
      String description,
      Map<String, Object> referenceSchema,
      Map<String, Object> optionsSchema) {
    this(id, version, description, referenceSchema, optionsSchema, null, null);
  }

  /** {@link #timeLimitMs} as a duration. */
  public Duration timeLimit() {
    return Duration.ofMillis(timeLimitMs);
  }

  /** This descriptor with another worst-case time per item. */
  public ScorerDescriptor withTimeLimit(Duration limit) {
    return new ScorerDescriptor(
        id, version, description, referenceSchema, optionsSchema, limit.toMillis(), cacheable);
  }

  /** This descriptor saying whether its verdicts may be cached. */
  public ScorerDescriptor withCacheable(boolean value) {
    return new ScorerDescriptor(
        id, version, description, referenceSchema, optionsSchema, timeLimitMs, value);
  }
}
