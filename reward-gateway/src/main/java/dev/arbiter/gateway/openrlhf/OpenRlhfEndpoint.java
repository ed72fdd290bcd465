package dev.arbiter.gateway.openrlhf;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.gateway.GatewayProperties;
import dev.arbiter.gateway.GatewayProperties.OpenRlhf;
import dev.arbiter.gateway.GatewayProperties.OpenRlhf.OnMasked;
import dev.arbiter.gateway.GatewayScoreHandler;
import dev.arbiter.server.web.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * OpenRLHF's remote reward model ({@code --remote_rm_url}): {@code POST /get_reward} with {@code
 * query} (prompt + response), {@code prompts} and {@code labels}, answered with {@code rewards},
 * {@code scores} and {@code extra_logs}.
 *
 * <ul>
 *   <li>Each item is scored by the scorer its label names (a reward spec), else the configured
 *       scorer (default {@code math}) or profile; see {@link LabelSpec}.
 *   <li>The response is separated from the query by {@link QuerySplitter}; a query whose response
 *       cannot be separated is not scored: {@code null-reward} with {@code valid = 0}.
 *   <li>OpenRLHF cannot take a null reward: an item without a reward reports {@code null-reward}
 *       with {@code valid = 0}. A masked item fails the call with 503 and a {@code Retry-After} of
 *       the circuit-breaker window of the masked items' backends ({@code on-masked: fail}), or
 *       reports {@code null-reward} with {@code valid = 0, masked = 1} ({@code on-masked:
 *       null-reward}).
 *   <li>{@code extra_logs} has the same keys on every call of one configuration: {@code valid},
 *       {@code masked}, {@code prompt_truncated} and the configured (or the profile's) components.
 * </ul>
 */
@RestController
public class OpenRlhfEndpoint {

  /** OpenRLHF's request body: three lists of the same length. */
  public record GetRewardRequest(List<String> query, List<String> prompts, List<Object> labels) {}

  private final GatewayScoreHandler handler;
  private final OpenRlhf config;
  private final List<String> components;
  private final Map<String, Duration> openWindows;
  private final Duration localOpenWindow;
  private final List<String> profileScorers;

  public OpenRlhfEndpoint(GatewayScoreHandler handler, GatewayProperties properties) {
    this.handler = handler;
    this.config = properties.openrlhf();
    this.components = components(properties);
    this.openWindows = openWindows(properties);
    this.localOpenWindow = properties.local().openDuration();
    GatewayProperties.Profile profile =
        config.profile() == null ? null : properties.profiles().get(config.profile());
    this.profileScorers =
        profile == null
            ? List.of()
            : profile.components().stream().map(GatewayProperties.Component::scorer).toList();
  }

  private static List<String> components(GatewayProperties properties) {
    OpenRlhf config = properties.openrlhf();
    if (!config.components().isEmpty() || config.profile() == null) {
      return List.copyOf(config.components());
    }
    GatewayProperties.Profile profile = properties.profiles().get(config.profile());
    return profile == null
        ? List.of()
        : profile.components().stream().map(GatewayProperties.Component::name).toList();
  }

  /**
   * How long the circuit breaker of each scorer's backend stays open: scorers a backend claims get
   * its window, the others the local backend's.
   */
  private static Map<String, Duration> openWindows(GatewayProperties properties) {
    Map<String, Duration> windows = new HashMap<>();
    properties
        .backends()
        .values()
        .forEach(b -> b.scorers().forEach(s -> windows.put(s, b.resilience().openDuration())));
    return windows;
  }

  /**
   * The 503's Retry-After: the configured one, else the longest open window among the backends of
   * the masked items' scorers (every component scorer of a profile).
   */
  private long retryAfterSeconds(List<ScoreItem> maskedItems) {
    if (config.retryAfter() != null) {
      return Math.max(1, config.retryAfter().toSeconds());
    }
    Duration longest = Duration.ZERO;
    for (ScoreItem item : maskedItems) {
      List<String> scorers = item.scorer() != null ? List.of(item.scorer()) : profileScorers;
      for (String scorer : scorers) {
        Duration window = openWindows.getOrDefault(scorer, localOpenWindow);
        longest = window.compareTo(longest) > 0 ? window : longest;
      }
    }
    return Math.max(1, longest.toSeconds());
  }

  @PostMapping(
      path = "/get_reward",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public Mono<ResponseEntity<Object>> getReward(
      @RequestBody GetRewardRequest body, ServerHttpRequest request) {
    int n = checkLengths(body);
    List<ScoreItem> items = new ArrayList<>(n);
    List<QuerySplitter.Split> splits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String prompt = body.prompts().get(i);
      QuerySplitter.Split split = QuerySplitter.split(body.query().get(i), prompt);
      splits.add(split);
      if (split.separated()) {
        LabelSpec spec =
            LabelSpec.of(body.labels().get(i), config.scorer(), config.referenceField());
        items.add(
            new ScoreItem(
                Integer.toString(i),
                config.profile() == null ? spec.scorer() : null,
                prompt,
                split.response(),
                spec.reference(),
                spec.options(),
                null));
      }
    }
    Mono<List<ScoreResult>> scored =
        items.isEmpty()
            ? Mono.just(List.of())
            : handler.score(new ScoreRequest(items, config.profile()), false).map(r -> r.results());
    return scored.map(results -> answer(splits, items, results, request));
  }

  private static int checkLengths(GetRewardRequest body) {
    if (body.query() == null || body.prompts() == null || body.labels() == null) {
      throw new RequestProblem(
          ProblemType.MALFORMED_REQUEST,
          "expected \"query\", \"prompts\" and \"labels\": three lists of the same length");
    }
    int n = body.query().size();
    if (body.prompts().size() != n || body.labels().size() != n) {
      throw new RequestProblem(
          ProblemType.MALFORMED_REQUEST,
          "query, prompts and labels must have the same length; got "
              + n
              + ", "
              + body.prompts().size()
              + " and "
              + body.labels().size());
    }
    return n;
  }

  private ResponseEntity<Object> answer(
      List<QuerySplitter.Split> splits,
      List<ScoreItem> items,
      List<ScoreResult> scored,
      ServerHttpRequest request) {
    ScoreResult[] byIndex = new ScoreResult[splits.size()];
    List<ScoreItem> maskedItems = new ArrayList<>();
    for (int k = 0; k < scored.size(); k++) {
      ScoreResult r = scored.get(k);
      byIndex[Integer.parseInt(items.get(k).id())] = r;
      if (r.mask()) {
        maskedItems.add(items.get(k));
      }
    }
    if (!maskedItems.isEmpty() && config.onMasked() == OnMasked.FAIL) {
      return unavailable(maskedItems, request);
    }
    List<Double> rewards = new ArrayList<>(splits.size());
    List<Integer> valid = new ArrayList<>(splits.size());
    List<Integer> maskedFlags = new ArrayList<>(splits.size());
    List<Integer> truncated = new ArrayList<>(splits.size());
    Map<String, List<Double>> componentLogs = new LinkedHashMap<>();
    components.forEach(c -> componentLogs.put(c, new ArrayList<>(splits.size())));
    for (int i = 0; i < splits.size(); i++) {
      ScoreResult r = byIndex[i];
      boolean usable = r != null && r.reward() != null && !r.mask();
      rewards.add(usable ? r.reward() : config.nullReward());
      valid.add(usable ? 1 : 0);
      maskedFlags.add(r != null && r.mask() ? 1 : 0);
      truncated.add(splits.get(i).promptTruncated() ? 1 : 0);
      for (Map.Entry<String, List<Double>> e : componentLogs.entrySet()) {
        Double value = r == null ? null : r.components().get(e.getKey());
        e.getValue().add(value == null ? config.nullReward() : value);
      }
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("valid", valid);
    extra.put("masked", maskedFlags);
    extra.put("prompt_truncated", truncated);
    extra.putAll(componentLogs);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rewards", rewards);
    out.put("scores", rewards);
    out.put("extra_logs", extra);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out);
  }

  private ResponseEntity<Object> unavailable(List<ScoreItem> masked, ServerHttpRequest request) {
    long retryAfterSeconds = retryAfterSeconds(masked);
    ProblemDetail problem =
        Problems.answering(
            Problems.of(
                ProblemType.OVERLOADED,
                masked.size()
                    + " item(s) could not be scored (backend unavailable or overloaded); retry"
                    + " after "
                    + retryAfterSeconds
                    + " s, when the circuit breaker probes again",
                Map.of("masked", masked.stream().map(i -> Integer.valueOf(i.id())).toList())),
            request);
    return ResponseEntity.status(503)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
