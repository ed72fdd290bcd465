package dev.arbiter.model.principle.onnx;

import dev.arbiter.model.principle.RewardBackend;
import dev.arbiter.model.principle.batch.DynamicBatcher;
import java.util.Optional;

/** A backend running on a {@link BatchedTextModel}: batch size, metrics, warm-up and close. */
public interface BatchedBackend extends RewardBackend {

  /** The tokenizer, session and batcher this backend runs on. */
  BatchedTextModel model();

  @Override
  default int preferredBatchSize() {
    return model().batchSize();
  }

  @Override
  default Optional<DynamicBatcher<?, ?>> batching() {
    return Optional.of(model().batcher());
  }

  @Override
  default void warmUp() {
    model().warmUp();
  }

  @Override
  default void close() {
    model().close();
  }
}
