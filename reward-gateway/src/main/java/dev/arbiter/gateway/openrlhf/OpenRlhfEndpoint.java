package dev.arbiter.gateway.openrlhf;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.gateway.GatewayProperties.OpenRlhf;
import dev.arbiter.gateway.GatewayScoreHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenRLHF's remote reward model ({@code --remote_rm_url}): {@code POST /get_reward} with {@code
 * query} (prompt + response), {@code prompts} and {@code labels}, answered with {@code rewards},
 * {@code scores} and {@code extra_logs}, mapped onto the configured scorer or profile.
 *
 * <p>OpenRLHF cannot take a null or masked reward: a masked item fails the call with 503 (which its
 * client retries) rather than turning into a silent 0; an item without a reward that is not masked
 * (an invalid reference) reports {@code null-reward} and {@code extra_logs.valid = 0}.
 */
@RestController
public class OpenRlhfEndpoint {

  /** OpenRLHF's request body. */
  public record GetRewardRequest(List<String> query, List<String> prompts, List<Object> labels) {}

  private final GatewayScoreHandler handler;
  private final OpenRlhf config;
  private final JsonMapper json = JsonMapper.builder().build();

  public OpenRlhfEndpoint(GatewayScoreHandler handler, OpenRlhf config) {
    this.handler = handler;
    this.config = config;
  }

  @PostMapping(
      path = "/get_reward",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<Map<String, Object>> getReward(@RequestBody GetRewardRequest body) {
    if (config.scorer() == null && config.profile() == null) {
      throw new RequestProblem(
          ProblemType.INVALID_REQUEST,
          "no default scorer or profile for /get_reward; set arbiter.gateway.openrlhf.scorer or"
              + " arbiter.gateway.openrlhf.profile");
    }
    List<String> queries = body.query() == null ? List.of() : body.query();
    List<ScoreItem> items = new ArrayList<>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      String prompt = at(body.prompts(), i, String.class);
      String query = queries.get(i);
      String response =
          prompt != null && query != null && query.startsWith(prompt)
              ? query.substring(prompt.length())
              : query;
      items.add(
          new ScoreItem(
              Integer.toString(i),
              config.scorer(),
              prompt,
              response,
              reference(at(body.labels(), i, Object.class)),
              Map.of(),
              null));
    }
    return handler.score(new ScoreRequest(items, config.profile())).map(r -> answer(r.results()));
  }

  private Map<String, Object> answer(List<ScoreResult> results) {
    List<String> masked = results.stream().filter(ScoreResult::mask).map(ScoreResult::id).toList();
    if (!masked.isEmpty()) {
      throw new RequestProblem(
          ProblemType.OVERLOADED,
          masked.size()
              + " item(s) could not be scored (backend unavailable or overloaded); retry the call",
          Map.of("masked", masked));
    }
    List<Double> rewards = new ArrayList<>();
    List<Integer> valid = new ArrayList<>();
    Map<String, List<Double>> components = new LinkedHashMap<>();
    for (ScoreResult r : results) {
      rewards.add(r.reward() == null ? config.nullReward() : r.reward());
      valid.add(r.reward() == null ? 0 : 1);
      r.components().forEach((k, v) -> components.computeIfAbsent(k, x -> new ArrayList<>()));
    }
    components.forEach(
        (name, values) -> results.forEach(r -> values.add(r.components().getOrDefault(name, 0.0))));
    Map<String, Object> extra = new LinkedHashMap<>(components);
    extra.put("valid", valid);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rewards", rewards);
    out.put("scores", rewards);
    out.put("extra_logs", extra);
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> reference(Object label) {
    if (label == null) {
      return Map.of();
    }
    if (label instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    String text = label.toString();
    if (text.startsWith("{")) {
      try {
        return json.readValue(text, Map.class);
      } catch (RuntimeException e) {
        // not a JSON object after all: treat as a plain answer
      }
    }
    return Map.of(config.referenceField(), text);
  }

  private static <T> T at(List<?> list, int i, Class<T> type) {
    if (list == null || i >= list.size() || !type.isInstance(list.get(i))) {
      return null;
    }
    return type.cast(list.get(i));
  }
}
