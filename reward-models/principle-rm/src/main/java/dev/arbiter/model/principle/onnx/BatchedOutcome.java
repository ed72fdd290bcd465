package dev.arbiter.model.principle.onnx;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.model.principle.batch.DynamicBatcher;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Shared by the models that run through a {@link DynamicBatcher}: waiting on its futures, turning
 * their failures into masked results, warming it up.
 */
public final class BatchedOutcome {

  private BatchedOutcome() {}

  /** A model output the batcher failed to produce; carries the masked result for its item. */
  public static final class Failed extends Exception {
    private final ScoreResult result;

    Failed(ScoreResult result) {
      super(null, null, false, false);
      this.result = result;
    }

    /** The masked result for the item whose output failed. */
    public ScoreResult result() {
      return result;
    }
  }

  public static <O> O join(CompletableFuture<O> future) throws Failed {
    try {
      return future.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new Failed(
          ScoreResult.failure(
              null,
              ScoreStatus.ERROR,
              "model inference failed: " + cause.getClass().getSimpleName()));
    }
  }

  public static ScoreResult overloaded(RejectedExecutionException e) {
    return ScoreResult.failure(
        null,
        ScoreStatus.OVERLOADED,
        "model batch queue is full; retry later (" + e.getMessage() + ")");
  }

  /** Joins futures in order. */
  public static <O> List<O> joinAll(List<CompletableFuture<O>> futures) throws Failed {
    java.util.ArrayList<O> out = new java.util.ArrayList<>(futures.size());
    for (CompletableFuture<O> f : futures) {
      out.add(join(f));
    }
    return out;
  }

  /** Runs two rounds of a full batch of short inputs through the batcher. */
  public static void warmUp(
      DynamicBatcher<TokenSequence, float[]> batcher, TemplateEncoder encoder, int batchSize) {
    List<TokenSequence> warm = new java.util.ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      warm.add(encoder.encode("warm-up sentence number " + i));
    }
    for (int round = 0; round < 2; round++) {
      try {
        joinAll(batcher.submitAll(warm));
      } catch (Failed e) {
        throw new IllegalStateException("warm-up failed: " + e.result().details().get("reason"));
      }
    }
  }
}
