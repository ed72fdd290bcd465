package dev.arbiter.verifier.rules.internal;

/** The gold data cannot be used: the item becomes {@code invalid_reference} with reward null. */
public final class InvalidReferenceException extends RuntimeException {

  public InvalidReferenceException(String message) {
    super(message, null, false, false);
  }
}
