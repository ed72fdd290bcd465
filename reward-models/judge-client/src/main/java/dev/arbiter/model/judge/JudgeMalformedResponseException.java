package dev.arbiter.model.judge;

/** The server answered 2xx with a body that is not a chat completion (bad JSON, no choices). */
public class JudgeMalformedResponseException extends JudgeException {

  public JudgeMalformedResponseException(String message) {
    super(message, null);
  }

  public JudgeMalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
