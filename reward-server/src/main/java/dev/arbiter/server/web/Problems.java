package dev.arbiter.server.web;

import dev.arbiter.api.ProblemType;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details from the contract's problem types. */
public final class Problems {

  private Problems() {}

  public static ProblemDetail of(ProblemType type, String detail, Map<String, Object> properties) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()), detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    properties.forEach(problem::setProperty);
    return problem;
  }
}
