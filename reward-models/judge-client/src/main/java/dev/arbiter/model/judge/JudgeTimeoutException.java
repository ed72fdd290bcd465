package dev.arbiter.model.judge;

/** The judge did not answer within the configured timeout. */
public class JudgeTimeoutException extends JudgeException {

  public JudgeTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
