package dev.arbiter.trainer.web;

import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.trainer.run.RunConfig;
import dev.arbiter.trainer.run.StepMetrics;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training runs over HTTP: {@code POST /v1/runs} starts one (body: {@link RunConfig} fields in
 * snake_case, all optional), {@code GET /v1/runs/{id}} reports it, {@code POST /v1/runs/{id}/stop}
 * ends it after the current step, {@code GET /v1/runs/{id}/metrics} lists the step metrics and
 * {@code GET /v1/runs/{id}/stream} streams them as server-sent events.
 */
@RestController
@RequestMapping("/v1/runs")
class RunController {

  private static final JsonMapper JSON = ArbiterJson.mapper();

  private final RunManager runs;
  private final TrainerProperties properties;

  RunController(RunManager runs, TrainerProperties properties) {
    this.runs = runs;
    this.properties = properties;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<String>> start(@RequestBody(required = false) Map<String, Object> body) {
    RunConfig config = config(body == null ? Map.of() : body);
    // creating the run directory and loading the engine block: off the event loop
    return Mono.fromCallable(() -> startRun(config)).subscribeOn(Schedulers.boundedElastic());
  }

  private ResponseEntity<String> startRun(RunConfig config) throws IOException {
    TrainingRun run =
        runs.start(config)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.CONFLICT, "a run is already active; stop it first"));
    return ResponseEntity.accepted()
        .location(URI.create("/v1/runs/" + run.id()))
        .body(json(run.status()));
  }

  private RunConfig config(Map<String, Object> body) {
    Map<String, Object> values = new LinkedHashMap<>(body);
    values.putIfAbsent("gateway_url", properties.gatewayUrl());
    values.putIfAbsent("output_dir", properties.outputDir());
    try {
      return JSON.convertValue(values, RunConfig.class);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "invalid run configuration: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  String list() {
    return json(runs.all().stream().map(TrainingRun::status).toList());
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  String status(@PathVariable String id) {
    return json(run(id).status());
  }

  @PostMapping(path = "/{id}/stop", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> stop(@PathVariable String id) {
    TrainingRun run = run(id);
    run.requestStop();
    return ResponseEntity.accepted().body(json(run.status()));
  }

  @GetMapping(path = "/{id}/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
  String metrics(@PathVariable String id) {
    return json(run(id).metrics());
  }

  /** Step metrics as server-sent events (event = phase), replayed from the start of the run. */
  @GetMapping(path = "/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Flux<ServerSentEvent<String>> stream(@PathVariable String id) {
    return run(id).stream()
        .map(
            (StepMetrics m) ->
                ServerSentEvent.builder(json(m))
                    .event(m.phase())
                    .id(m.phase() + "-" + m.step())
                    .build());
  }

  private TrainingRun run(String id) {
    return runs.get(id)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run with id '" + id + "'"));
  }

  /**
   * Bodies use the contract's wire codec (snake_case) whatever JSON settings the hosting app has:
   * the one-process suite hosts this controller next to the gateway.
   */
  private static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
