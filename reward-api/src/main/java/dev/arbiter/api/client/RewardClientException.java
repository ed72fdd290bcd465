package dev.arbiter.api.client;

/** A non-2xx answer from an Arbiter service. */
public final class RewardClientException extends RuntimeException {

  private final int status;
  private final String body;

  public RewardClientException(int status, String body) {
    super("HTTP " + status + ": " + abbreviate(body));
    this.status = status;
    this.body = body;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The response body, usually an RFC 9457 problem. */
  public String body() {
    return body;
  }

  /** True for statuses worth retrying against an idempotent scorer (5xx, 429). */
  public boolean retryable() {
    return retryable(status);
  }

  static boolean retryable(int status) {
    return status >= 500 || status == 429;
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
