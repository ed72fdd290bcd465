package dev.arbiter.server;

import dev.arbiter.api.group.GroupStatistics;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and capacity of a service's {@code /v1/score} edge.
 *
 * @param maxItems most items one request may carry; more answers 413
 * @param maxBodySize largest request body; larger answers 413
 * @param workers threads that run each scorer's blocking work: every scorer has its own pool of
 *     this size, so one scorer's queue never delays another's items (0: twice the available
 *     processors)
 * @param queueCapacity scoring tasks that may wait for one scorer's workers; beyond it that
 *     scorer's items come back {@code overloaded} (masked)
 * @param maxChunk most items of one scorer handed to a worker as one task
 * @param timeLimitGrace added to the time a scorer declares for its work ({@code Scorer.timeLimit})
 *     before the work is interrupted and its items masked
 * @param requestReadTimeout how long a client may take to send a request's line and headers (and,
 *     on a kept-alive connection, to start the next one) before the connection is closed: slow or
 *     idle connections hold no resources past it
 * @param groupEps epsilon in GRPO's {@code (r - mean) / (std + eps)} of a response's {@code
 *     groups}; one setting for a standalone service and the gateway (was {@code
 *     arbiter.gateway.group-eps})
 */
@Validated
@ConfigurationProperties("arbiter.scoring")
public record ScoringProperties(
    @Min(1) Integer maxItems,
    DataSize maxBodySize,
    @Min(0) Integer workers,
    @Min(1) Integer queueCapacity,
    @Min(1) Integer maxChunk,
    Duration timeLimitGrace,
    Duration requestReadTimeout,
    @DecimalMin("0") Double groupEps) {

  public ScoringProperties {
    maxItems = maxItems == null ? 4096 : maxItems;
    maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(16) : maxBodySize;
    workers = workers == null ? 0 : workers;
    queueCapacity = queueCapacity == null ? 4096 : queueCapacity;
    maxChunk = maxChunk == null ? 32 : maxChunk;
    timeLimitGrace = timeLimitGrace == null ? Duration.ofSeconds(2) : timeLimitGrace;
    requestReadTimeout = requestReadTimeout == null ? Duration.ofSeconds(30) : requestReadTimeout;
    groupEps = groupEps == null ? GroupStatistics.DEFAULT_EPS : groupEps;
  }

  /** The worker count in effect. */
  public int effectiveWorkers() {
    return workers > 0 ? workers : 2 * Runtime.getRuntime().availableProcessors();
  }
}
