package dev.arbiter.api;

import java.time.Duration;
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
   * Checks of one item's options, run by the serving layer before the item is scored. Throw {@link
   * RequestProblem} when they are unusable (e.g. they name an unknown configured set): that item
   * comes back {@code invalid_request} with the problem's detail as its reason, in every deployment
   * (scorer service, one-process suite, gateway); the other items are scored. Default: no checks.
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

  /**
   * The worst-case time of {@link #score} on {@code item} once it runs, derived from the scorer's
   * own budget (e.g. a math item's time budget; a program's compile plus its test runs). The
   * serving layer interrupts the work and masks the item when it runs longer, so declare the true
   * worst case plus what the scorer needs to wind down. Default: {@link
   * ScorerDescriptor#timeLimit()}.
   */
  default Duration timeLimit(ScoreItem item) {
    return descriptor().timeLimit();
  }

  /**
   * The worst-case time of {@link #scoreBatch} on {@code batch}. Default: the sum of the items'
   * limits (the items may run one after another); a scorer that runs a batch at once (model
   * inference) may declare less.
   */
  default Duration timeLimit(List<ScoreItem> batch) {
    Duration total = Duration.ZERO;
    for (ScoreItem item : batch) {
      total = total.plus(timeLimit(item));
    }
    return total;
  }

  /** Shorthand for {@code descriptor().id()}. */
  default String id() {
    return descriptor().id();
  }
}
