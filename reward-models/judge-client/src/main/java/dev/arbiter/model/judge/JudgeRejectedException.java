package dev.arbiter.model.judge;

/**
 * The server refused the request with a 4xx other than 429 (unknown model, bad API key, context too
 * long). Not retried: the same request would fail again.
 */
public class JudgeRejectedException extends JudgeException {

  private final int httpStatus;

  public JudgeRejectedException(String message, int httpStatus) {
    super(message, null);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
