package dev.arbiter.api.json;

/**
 * Model text holds no JSON value that {@link LenientJson} could read; the message says why and is
 * meant for a result's {@code details.reason}.
 */
public final class MalformedJsonException extends RuntimeException {

  public MalformedJsonException(String message) {
    super(message, null, false, false);
  }
}
