package dev.arbiter.model.meta.judge;

/** The judge's text is not a verdict for this rubric. */
public class MalformedVerdictException extends RuntimeException {

  public MalformedVerdictException(String message) {
    super(message);
  }
}
