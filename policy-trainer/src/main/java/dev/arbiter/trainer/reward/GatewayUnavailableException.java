package dev.arbiter.trainer.reward;

/** The gateway could not score a batch after every retry: the run stops rather than guess. */
public final class GatewayUnavailableException extends RuntimeException {

  public GatewayUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
