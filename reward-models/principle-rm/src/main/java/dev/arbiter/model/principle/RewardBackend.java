package dev.arbiter.model.principle;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.model.principle.batch.DynamicBatcher;
import java.util.List;
import java.util.Optional;

/**
 * Turns principled items into rewards: an ONNX reward model, the embedded zero-shot scorer, or an
 * LLM judge. Thread-safe, may block.
 */
public interface RewardBackend extends AutoCloseable {

  /** One line for the scorer descriptor. */
  String description();

  /**
   * Scores the items, one result per item in order (ids are set by the caller). Per-item trouble is
   * a per-item status; throws only when the whole call failed.
   */
  List<ScoreResult> score(List<PrincipledItem> items);

  /**
   * True when the same item always gets the same reward (a local model); false for an LLM judge,
   * whose verdicts a gateway must then not cache.
   */
  default boolean deterministic() {
    return true;
  }

  /** Runs throwaway work so the first request does not pay for lazy initialization. */
  void warmUp();

  /** Items per {@link #score} call the serving layer should hand over. */
  int preferredBatchSize();

  /** The dynamic batcher in front of the model, for metrics; empty when the backend has none. */
  default Optional<DynamicBatcher<?, ?>> batching() {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
