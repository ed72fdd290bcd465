package dev.arbiter.api.fields;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;

/**
 * An item's options or reference cannot be used: the item becomes {@code invalid_request} (an
 * option) or {@code invalid_reference} (the gold data) with the message as its reason, reward null,
 * never masked. The other items of the batch are scored.
 */
public final class InvalidItemException extends RuntimeException {

  private final ScoreStatus status;

  private InvalidItemException(ScoreStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** An unknown option, or an option's value of the wrong type or out of range. */
  public static InvalidItemException option(String message) {
    return new InvalidItemException(ScoreStatus.INVALID_REQUEST, message);
  }

  /** Gold data that cannot be used. */
  public static InvalidItemException reference(String message) {
    return new InvalidItemException(ScoreStatus.INVALID_REFERENCE, message);
  }

  /** {@code invalid_request} or {@code invalid_reference}. */
  public ScoreStatus status() {
    return status;
  }

  /** The item's result: reward null, not masked, this message as the reason. */
  public ScoreResult toResult(String id) {
    return status == ScoreStatus.INVALID_REQUEST
        ? ScoreResult.invalidRequest(id, getMessage())
        : ScoreResult.invalidReference(id, getMessage());
  }
}
