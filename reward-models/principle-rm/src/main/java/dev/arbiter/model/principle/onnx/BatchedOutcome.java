package dev.arbiter.model.principle.onnx;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/** Waiting on batcher futures and turning their failures into masked results. */
final class BatchedOutcome {

  private BatchedOutcome() {}

  /** A model output the batcher failed to produce; carries the masked result for its item. */
  static final class Failed extends Exception {
    final ScoreResult result;

    Failed(ScoreResult result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  static <O> O join(CompletableFuture<O> future) throws Failed {
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

  static ScoreResult overloaded(RejectedExecutionException e) {
    return ScoreResult.failure(
        null,
        ScoreStatus.OVERLOADED,
        "model batch queue is full; retry later (" + e.getMessage() + ")");
  }

  /** Joins futures in order. */
  static <O> List<O> joinAll(List<CompletableFuture<O>> futures) throws Failed {
    java.util.ArrayList<O> out = new java.util.ArrayList<>(futures.size());
    for (CompletableFuture<O> f : futures) {
      out.add(join(f));
    }
    return out;
  }
}
