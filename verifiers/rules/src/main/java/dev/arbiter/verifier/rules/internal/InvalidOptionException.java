package dev.arbiter.verifier.rules.internal;

/** An option is unknown or out of range: the item becomes {@code invalid_request}. */
public final class InvalidOptionException extends RuntimeException {

  public InvalidOptionException(String message) {
    super(message, null, false, false);
  }
}
