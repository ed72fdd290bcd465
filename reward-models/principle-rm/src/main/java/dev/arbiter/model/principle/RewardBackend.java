package dev.arbiter.model.principle;

import dev.arbiter.api.ScoreResult;
import java.util.List;

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

  /** Runs throwaway work so the first request does not pay for lazy initialization. */
  void warmUp();

  /** Items per {@link #score} call the serving layer should hand over. */
  int preferredBatchSize();

  @Override
  default void close() {}
}
