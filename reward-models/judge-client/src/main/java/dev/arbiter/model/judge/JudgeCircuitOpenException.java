package dev.arbiter.model.judge;

/** The circuit breaker is open after repeated failures: the call was not attempted. */
public class JudgeCircuitOpenException extends JudgeUnavailableException {

  public JudgeCircuitOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
