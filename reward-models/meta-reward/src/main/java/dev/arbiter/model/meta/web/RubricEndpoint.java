package dev.arbiter.model.meta.web;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.model.meta.judge.RubricScorer;
import dev.arbiter.model.meta.refine.RefinementLoop;
import dev.arbiter.model.meta.refine.RefinementOutcome;
import dev.arbiter.model.meta.rubric.RubricDiff;
import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricLimits;
import dev.arbiter.model.meta.rubric.RubricVersion;
import dev.arbiter.model.meta.store.RubricCatalog;
import dev.arbiter.model.meta.store.RubricConflictException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The rubric store and loop over HTTP. Store calls block, so every handler runs them on {@code
 * boundedElastic}, never on the event loop. History is append-only: an edit or a rollback publishes
 * a new version, and both name the parent they saw (optimistic versioning: 409 when stale).
 */
@RestController
@RequestMapping("/v1/rubrics")
public class RubricEndpoint {

  private static final java.util.regex.Pattern TASK_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private final RubricCatalog catalog;
  private final RefinementLoop loop;
  private final RubricScorer scorer;
  private final RubricLimits limits;

  public RubricEndpoint(
      RubricCatalog catalog, RefinementLoop loop, RubricScorer scorer, RubricLimits limits) {
    this.catalog = catalog;
    this.loop = loop;
    this.scorer = scorer;
    this.limits = limits;
  }

  /**
   * A human edit.
   *
   * @param parentVersion the version the editor started from; null only for a new task
   * @param description the task description; null keeps the parent's
   * @param items the new items
   * @param author the editor's name
   */
  public record EditRequest(
      Integer parentVersion, String description, List<RubricItem> items, String author) {}

  /**
   * A rollback: publishes a copy of {@code toVersion} as the next version.
   *
   * @param toVersion the version whose items come back
   * @param parentVersion the version the requester saw as latest; null means "whatever is latest"
   * @param author who asked
   */
  public record RollbackRequest(Integer toVersion, Integer parentVersion, String author) {}

  /** One line of a task's history. */
  public record VersionSummary(
      int version,
      Integer parentVersion,
      String author,
      String trigger,
      int items,
      int maxPoints,
      Instant createdAt) {}

  @GetMapping
  public Mono<Map<String, Object>> tasks() {
    return blocking(
        () -> {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("ready", scorer.ready());
          out.put("tasks", catalog.tasks());
          return out;
        });
  }

  @GetMapping("/{task}")
  public Mono<RubricVersion> current(@PathVariable String task) {
    return blocking(() -> catalog.current(task).orElseThrow(() -> unknownTask(task)));
  }

  @GetMapping("/{task}/versions")
  public Mono<List<VersionSummary>> versions(@PathVariable String task) {
    return blocking(
        () -> {
          List<RubricVersion> history = catalog.store().history(task);
          if (history.isEmpty()) {
            throw unknownTask(task);
          }
          return history.stream()
              .map(
                  v ->
                      new VersionSummary(
                          v.version(),
                          v.parentVersion(),
                          v.author(),
                          v.trigger(),
                          v.items().size(),
                          v.maxTotal(),
                          v.createdAt()))
              .toList();
        });
  }

  @GetMapping("/{task}/versions/{version}")
  public Mono<RubricVersion> version(@PathVariable String task, @PathVariable int version) {
    return blocking(() -> find(task, version));
  }

  @GetMapping("/{task}/diff")
  public Mono<RubricDiff> diff(
      @PathVariable String task, @RequestParam int from, @RequestParam int to) {
    return blocking(() -> RubricDiff.between(find(task, from), find(task, to)));
  }

  @PutMapping("/{task}")
  public Mono<ResponseEntity<RubricVersion>> edit(
      @PathVariable String task, @RequestBody EditRequest edit) {
    return blocking(
        () -> {
          checkTaskName(task);
          List<String> problems = limits.problems(edit.items());
          if (!problems.isEmpty()) {
            throw new RequestProblem(
                ProblemType.INVALID_REQUEST,
                "the rubric is not valid: " + String.join("; ", problems),
                Map.of("problems", problems));
          }
          String description = edit.description();
          if (description == null && edit.parentVersion() != null) {
            description = find(task, edit.parentVersion()).description();
          }
          RubricVersion v =
              publish(
                  new RubricDraft(
                      task,
                      edit.parentVersion(),
                      description == null ? "" : description,
                      edit.items(),
                      "human:" + author(edit.author()),
                      "edit",
                      null,
                      null));
          return ResponseEntity.status(HttpStatus.CREATED).body(v);
        });
  }

  @PostMapping("/{task}/rollback")
  public Mono<ResponseEntity<RubricVersion>> rollback(
      @PathVariable String task, @RequestBody RollbackRequest request) {
    return blocking(
        () -> {
          if (request.toVersion() == null) {
            throw new RequestProblem(
                ProblemType.INVALID_REQUEST, "to_version is required", Map.of());
          }
          RubricVersion target = find(task, request.toVersion());
          int parent =
              request.parentVersion() != null
                  ? request.parentVersion()
                  : catalog.store().latest(task).orElseThrow().version();
          RubricVersion v =
              publish(
                  new RubricDraft(
                      task,
                      parent,
                      target.description(),
                      target.items(),
                      "human:" + author(request.author()),
                      "rollback:" + target.version(),
                      null,
                      null));
          return ResponseEntity.status(HttpStatus.CREATED).body(v);
        });
  }

  /** Runs one refinement now and answers its outcome (it may take as long as the meta-model). */
  @PostMapping("/{task}/refine")
  public Mono<RefinementOutcome> refine(@PathVariable String task) {
    return blocking(() -> catalog.current(task).orElseThrow(() -> unknownTask(task)))
        .flatMap(v -> Mono.fromFuture(() -> loop.trigger(task, "api")));
  }

  @GetMapping("/{task}/status")
  public Mono<Map<String, Object>> status(@PathVariable String task) {
    return blocking(
        () -> {
          RubricVersion v = catalog.current(task).orElseThrow(() -> unknownTask(task));
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("task", task);
          out.put("ready", scorer.ready());
          out.put("current_version", v.version());
          out.put("loop", loop.status(task));
          return out;
        });
  }

  private RubricVersion publish(RubricDraft draft) {
    try {
      return catalog.publish(draft);
    } catch (RubricConflictException e) {
      throw new RequestProblem(ProblemType.VERSION_CONFLICT, e.getMessage());
    }
  }

  private RubricVersion find(String task, int version) {
    return catalog
        .version(task, version)
        .orElseThrow(
            () ->
                new RequestProblem(
                    ProblemType.NOT_FOUND, "task '" + task + "' has no rubric version " + version));
  }

  private static RequestProblem unknownTask(String task) {
    return new RequestProblem(ProblemType.NOT_FOUND, "no rubric for task '" + task + "'");
  }

  private static String author(String name) {
    String a = name == null || name.isBlank() ? "anonymous" : name.strip();
    return a.length() <= 100 ? a : a.substring(0, 100);
  }

  private static void checkTaskName(String task) {
    if (!TASK_NAME.matcher(task).matches()) {
      throw new RequestProblem(
          ProblemType.INVALID_REQUEST,
          "task names should be 1-200 characters of letters, digits, '.', '_' or '-', was '"
              + (task.length() > 60 ? task.substring(0, 60) + "..." : task)
              + "'",
          Map.of());
    }
  }

  private static <T> Mono<T> blocking(Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }
}
