package dev.arbiter.verifier.code;

import dev.arbiter.verifier.code.lang.Language;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.Sandbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /v1/languages}: what this host can run, and why not where it cannot. */
@RestController
public class LanguagesEndpoint {

  private final Languages languages;
  private final Sandbox sandbox;

  public LanguagesEndpoint(Languages languages, Sandbox sandbox) {
    this.languages = languages;
    this.sandbox = sandbox;
  }

  /** Off the event loop: the sandbox's health re-check may start a sandbox. */
  @GetMapping(path = "/v1/languages", produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<Map<String, Object>> languages() {
    return Mono.fromCallable(this::describeAll).subscribeOn(Schedulers.boundedElastic());
  }

  private Map<String, Object> describeAll() {
    List<Map<String, Object>> list =
        languages.all().stream().map(LanguagesEndpoint::describe).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sandbox", sandbox.describe());
    String reason = sandbox.unavailableReason();
    out.put("sandbox_available", reason == null);
    if (reason != null) {
      out.put("sandbox_reason", reason);
    }
    out.put("languages", list);
    return out;
  }

  private static Map<String, Object> describe(Language l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", l.id());
    m.put("aliases", l.aliases());
    m.put("available", l.available());
    m.put("compiled", l.compiled());
    if (l.version() != null) {
      m.put("version", l.version());
    }
    if (l.unavailable() != null) {
      m.put("reason", l.unavailable());
    }
    return m;
  }
}
