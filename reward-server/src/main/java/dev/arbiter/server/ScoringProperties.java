package dev.arbiter.server;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and capacity of a service's {@code /v1/score} edge.
 *
 * @param maxItems most items one request may carry; more answers 413
 * @param maxBodySize largest request body; larger answers 413
 * @param workers threads that run blocking scorer work (0: twice the available processors)
 * @param queueCapacity scoring tasks that may wait for a worker; beyond it items come back {@code
 *     overloaded} (masked)
 * @param maxChunk most items of one scorer handed to a worker as one task
 */
@Validated
@ConfigurationProperties("arbiter.scoring")
public record ScoringProperties(
    @Min(1) Integer maxItems,
    DataSize maxBodySize,
    @Min(0) Integer workers,
    @Min(1) Integer queueCapacity,
    @Min(1) Integer maxChunk) {

  public ScoringProperties {
    maxItems = maxItems == null ? 4096 : maxItems;
    maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(16) : maxBodySize;
    workers = workers == null ? 0 : workers;
    queueCapacity = queueCapacity == null ? 4096 : queueCapacity;
    maxChunk = maxChunk == null ? 32 : maxChunk;
  }

  /** The worker count in effect. */
  public int effectiveWorkers() {
    return workers > 0 ? workers : 2 * Runtime.getRuntime().availableProcessors();
  }
}
