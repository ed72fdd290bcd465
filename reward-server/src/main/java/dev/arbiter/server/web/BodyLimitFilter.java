package dev.arbiter.server.web;

import dev.arbiter.api.ProblemType;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared {@code Content-Length} over the limit with 413 before reading a byte. Bodies
 * without a length are bounded by the codec's in-memory limit (same size), which {@link
 * ProblemAdvice} also answers with 413.
 */
public class BodyLimitFilter implements WebFilter, Ordered {

  private final long maxBytes;

  public BodyLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long length = exchange.getRequest().getHeaders().getContentLength();
    if (length <= maxBytes) {
      return chain.filter(exchange);
    }
    var problem =
        Problems.answering(
            Problems.of(
                ProblemType.BODY_TOO_LARGE,
                "request body of " + length + " bytes exceeds the limit of " + maxBytes + " bytes",
                Map.of("limit", maxBytes)),
            exchange.getRequest());
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getHeaders().setConnection("close");
    return response.writeWith(Mono.just(response.bufferFactory().wrap(Problems.toJson(problem))));
  }
}
