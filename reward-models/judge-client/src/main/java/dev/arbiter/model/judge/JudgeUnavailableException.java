package dev.arbiter.model.judge;

/**
 * The judge could not be reached or failed on its side: connection refused or reset, HTTP 5xx or
 * 429 after the configured retries.
 */
public class JudgeUnavailableException extends JudgeException {

  private final int httpStatus;

  public JudgeUnavailableException(String message, Throwable cause) {
    this(message, -1, cause);
  }

  public JudgeUnavailableException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The last HTTP status seen, or -1 when no response came back. */
  public int httpStatus() {
    return httpStatus;
  }
}
