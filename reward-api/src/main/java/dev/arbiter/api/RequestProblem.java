package dev.arbiter.api;

import java.util.Map;

/**
 * A request-level failure: the whole request is refused with an RFC 9457 problem. Per-item trouble
 * never throws this; it becomes that item's status.
 */
public final class RequestProblem extends RuntimeException {

  private final ProblemType type;
  private final transient Map<String, Object> properties;

  public RequestProblem(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  /**
   * @param properties extra problem members, e.g. {@code known} for the known scorer ids
   */
  public RequestProblem(ProblemType type, String detail, Map<String, Object> properties) {
    super(detail, null, false, false);
    this.type = type;
    this.properties = Map.copyOf(properties);
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
