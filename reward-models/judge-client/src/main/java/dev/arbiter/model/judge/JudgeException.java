package dev.arbiter.model.judge;

/** A judge call failed; the subclass says how. Callers map these to masked results. */
public abstract class JudgeException extends RuntimeException {

  protected JudgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
