package dev.arbiter.api;

import java.util.List;

/**
 * Scores items of one kind. Thread-safe, may block, knows nothing of HTTP or Reactor.
 *
 * <p>A wrong response is a verdict ({@link ScoreResult#ok}); an unusable reference is {@link
 * ScoreResult#invalidReference}. Implementations throw only for their own failures, which the
 * serving layer turns into masked {@code error} results.
 *
 * <p>Cancellation: when the serving layer gives up on an item (its time limit passed), it
 * interrupts the thread running {@link #score}/{@link #scoreBatch}. An implementation then stops
 * its work promptly and releases what it holds (kills sandboxed processes, abandons a computation);
 * what it returns or throws after an interrupt is discarded.
 */
public interface Scorer {

  /** Id, version and schemas. */
  ScorerDescriptor descriptor();

  /** Scores one item whose {@code scorer} is this scorer's id. */
  ScoreResult score(ScoreItem item);

  /**
   * Request-level checks of one item, run by the serving layer before any item is scored. Throw
   * {@link RequestProblem} to refuse the whole request with a 4xx problem (e.g. options that name
   * an unknown configured set). Default: no checks.
   */
  default void checkRequest(ScoreItem item) {}

  /** Scores several items; override when batching pays (model inference). Same order. */
  default List<ScoreResult> scoreBatch(List<ScoreItem> items) {
    return items.stream().map(this::score).toList();
  }

  /**
   * How many items this scorer wants per {@link #scoreBatch} call. 1 (the default) means the
   * serving layer calls {@link #score} item by item and times each; model scorers that batch
   * inference return their batch size.
   */
  default int preferredBatchSize() {
    return 1;
  }

  /** Shorthand for {@code descriptor().id()}. */
  default String id() {
    return descriptor().id();
  }
}
