package dev.arbiter.server.web;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.server.scoring.ScoreHandler;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/score} and {@code GET /v1/scorers}, delegating to the {@link ScoreHandler}. JSON,
 * or Smile for a caller that asks for it ({@link ArbiterJson#SMILE_MEDIA_TYPE}).
 */
@RestController
@RequestMapping(
    path = "/v1",
    produces = {MediaType.APPLICATION_JSON_VALUE, ArbiterJson.SMILE_MEDIA_TYPE})
public class ScoreEndpoint {

  private final ScoreHandler handler;

  public ScoreEndpoint(ScoreHandler handler) {
    this.handler = handler;
  }

  /**
   * Scores a batch: 200 with one result per item, or a problem for a bad request.
   *
   * @param groups {@code false} leaves out the groups' statistics ({@code groups: {}}): the gateway
   *     asks its scorer services so, since it computes them over final rewards itself
   */
  @PostMapping(
      path = "/score",
      consumes = {MediaType.APPLICATION_JSON_VALUE, ArbiterJson.SMILE_MEDIA_TYPE})
  public Mono<ScoreResponse> score(
      @RequestBody(required = false) Mono<ScoreRequest> request,
      @RequestParam(name = "groups", defaultValue = "true") boolean groups) {
    return request
        .switchIfEmpty(
            Mono.error(
                () ->
                    new RequestProblem(
                        ProblemType.MALFORMED_REQUEST,
                        "request body is empty; expected a JSON object with 'items'")))
        .flatMap(r -> handler.score(r, groups));
  }

  /** The scorers reachable here, with versions and option schemas. */
  @GetMapping("/scorers")
  public Mono<List<ScorerDescriptor>> scorers() {
    return handler.scorers();
  }
}
