package dev.arbiter.model.principle.batch;

import java.time.Duration;

/**
 * How a {@link DynamicBatcher} coalesces.
 *
 * @param maxBatchSize most inputs in one batch function call
 * @param maxWait how long the first input of a batch waits for companions
 * @param queueCapacity inputs that may wait; beyond it submissions are rejected (overload)
 * @param workers threads calling the batch function (each runs one batch at a time)
 */
public record BatchSettings(int maxBatchSize, Duration maxWait, int queueCapacity, int workers) {

  public BatchSettings {
    if (maxBatchSize < 1 || queueCapacity < 1 || workers < 1) {
      throw new IllegalArgumentException(
          "max batch size, queue capacity and workers must be at least 1");
    }
    if (maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException("max wait must be zero or positive");
    }
  }
}
