package dev.arbiter.server.web;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * The one place where failures of Spring's handlers become RFC 9457 problems ({@link Problems}).
 * Messages say what was expected; no stack trace or internal class name reaches a client.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  private static final String REQUEST_TIMEOUT_EXCEPTION =
      "reactor.netty.http.server.RequestTimeoutException";

  @ExceptionHandler(RequestProblem.class)
  public ResponseEntity<ProblemDetail> requestProblem(
      RequestProblem e, ServerWebExchange exchange) {
    return respond(Problems.of(e.type(), e.getMessage(), e.properties()), exchange);
  }

  @ExceptionHandler(ServerWebInputException.class)
  public ResponseEntity<ProblemDetail> input(
      ServerWebInputException e, ServerWebExchange exchange) {
    if (requestTimedOut(e)) {
      return bodyTimedOut(exchange);
    }
    if (causedBy(e, DataBufferLimitException.class)) {
      return bodyTooLarge(exchange);
    }
    return respond(Problems.of(ProblemType.MALFORMED_REQUEST, describe(e), Map.of()), exchange);
  }

  @ExceptionHandler(ResponseStatusException.class)
  public ResponseEntity<ProblemDetail> status(
      ResponseStatusException e, ServerWebExchange exchange) {
    if (causedBy(e, DataBufferLimitException.class)) {
      // a body without Content-Length that outgrew the codecs' in-memory limit
      return bodyTooLarge(exchange);
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
    return respond(problem, exchange);
  }

  /**
   * 413, closing the connection: the rest of the body was never read, so the connection cannot
   * carry another request (as {@link BodyLimitFilter} does for a declared length).
   */
  private static ResponseEntity<ProblemDetail> bodyTooLarge(ServerWebExchange exchange) {
    exchange.getResponse().getHeaders().setConnection("close");
    return respond(
        Problems.of(
            ProblemType.BODY_TOO_LARGE,
            "request body exceeds the configured limit (arbiter.scoring.max-body-size)",
            Map.of()),
        exchange);
  }

  /**
   * 408, closing the connection: the body did not arrive within {@code
   * arbiter.scoring.request-read-timeout} (Reactor Netty's request timeout).
   */
  private static ResponseEntity<ProblemDetail> bodyTimedOut(ServerWebExchange exchange) {
    exchange.getResponse().getHeaders().setConnection("close");
    return respond(
        Problems.of(
            ProblemType.REQUEST_TIMEOUT,
            "request body was not received in time (arbiter.scoring.request-read-timeout)",
            Map.of()),
        exchange);
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<ProblemDetail> internal(Exception e, ServerWebExchange exchange) {
    if (requestTimedOut(e)) {
      return bodyTimedOut(exchange);
    }
    log.error("unhandled failure on {}", exchange.getRequest().getPath(), e);
    return respond(
        Problems.of(ProblemType.INTERNAL, "internal error; see the service log", Map.of()),
        exchange);
  }

  private static ResponseEntity<ProblemDetail> respond(
      ProblemDetail problem, ServerWebExchange exchange) {
    Problems.answering(problem, exchange.getRequest());
    return ResponseEntity.status(HttpStatusCode.valueOf(problem.getStatus()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static String describe(ServerWebInputException e) {
    Throwable cause = e.getCause();
    if (cause instanceof DecodingException decoding) {
      return "request body is not a valid score request: "
          + Problems.firstLine(decoding.getMessage(), "unreadable JSON");
    }
    String reason = e.getReason();
    return reason == null ? "malformed request" : reason;
  }

  /** Reactor Netty's request timeout (its exception type is not public). */
  private static boolean requestTimedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getName().equals(REQUEST_TIMEOUT_EXCEPTION)) {
        return true;
      }
    }
    return false;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
