package dev.arbiter.verifier.vision.parse;

/**
 * The model's answer cannot be read (not JSON, missing fields, NaN, inverted boxes, too long). A
 * verdict at the reward floor, never a failure of the service: the message becomes {@code
 * details.reason}.
 */
public final class MalformedAnswerException extends RuntimeException {

  public MalformedAnswerException(String message) {
    super(message, null, false, false);
  }
}
