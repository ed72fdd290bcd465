package dev.arbiter.server.web;

import dev.arbiter.api.ProblemType;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.server.reactive.ServerHttpRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one renderer of RFC 9457 problems: builds them from the contract's problem types, names the
 * request they answer, and writes them as {@code application/problem+json} bytes exactly as
 * Spring's codecs write the {@link ProblemDetail}s that {@link ProblemAdvice} returns, for the
 * places that answer below Spring's handlers ({@link BodyLimitFilter}, the Netty edge).
 */
public final class Problems {

  private static final JsonMapper JSON =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  private Problems() {}

  public static ProblemDetail of(ProblemType type, String detail, Map<String, Object> properties) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()), detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    properties.forEach(problem::setProperty);
    return problem;
  }

  /** {@code problem} naming {@code request}'s absolute URI (without its query) as its instance. */
  public static ProblemDetail answering(ProblemDetail problem, ServerHttpRequest request) {
    problem.setInstance(instance(request));
    return problem;
  }

  /** The problem's JSON: its members, then its extension properties at the top level. */
  public static byte[] toJson(ProblemDetail problem) {
    return JSON.writeValueAsBytes(problem);
  }

  /**
   * The first line of a failure's message, shortened: no stack trace or long echo of the input
   * reaches a client.
   */
  public static String firstLine(String message, String fallback) {
    if (message == null || message.isBlank()) {
      return fallback;
    }
    String line = message.lines().findFirst().orElse(fallback);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static URI instance(ServerHttpRequest request) {
    return request.getURI().resolve(request.getPath().value());
  }
}
