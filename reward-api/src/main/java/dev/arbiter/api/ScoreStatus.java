package dev.arbiter.api;

/** The outcome of scoring one item. Only {@link #masked()} statuses tell a trainer to drop it. */
public enum ScoreStatus {
  /** A verdict: the reward stands, even when it is the floor for a wrong answer. */
  OK("ok", false),
  /** The item itself was unusable (no response, unknown option); reward is null. */
  INVALID_REQUEST("invalid_request", false),
  /** The gold data could not be used; reward is null ("not applicable"). */
  INVALID_REFERENCE("invalid_reference", false),
  /** The response exhausted the scorer's work budget; a verdict at the floor. */
  TIMEOUT("timeout", false),
  /** The backend was down or its circuit open; masked. */
  SCORER_UNAVAILABLE("scorer_unavailable", true),
  /** The backend was at capacity; masked. */
  OVERLOADED("overloaded", true),
  /** An internal failure; masked. */
  ERROR("error", true);

  private final String wire;
  private final boolean masked;

  ScoreStatus(String wire, boolean masked) {
    this.wire = wire;
    this.masked = masked;
  }

  /** The name used on the wire, e.g. {@code scorer_unavailable}. */
  public String wire() {
    return wire;
  }

  /** True for infrastructure failures: the trainer should drop the sample, not learn a 0. */
  public boolean masked() {
    return masked;
  }

  public static ScoreStatus fromWire(String value) {
    for (ScoreStatus s : values()) {
      if (s.wire.equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status '" + value + "'");
  }
}
