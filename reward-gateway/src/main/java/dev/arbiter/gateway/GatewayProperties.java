package dev.arbiter.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's routing table, resilience settings, composite profiles, cache and compatibility
 * endpoints. Every field is overridable from the environment, e.g. {@code
 * ARBITER_GATEWAY_BACKENDS_VISION_URL=http://vision-iou:8081}.
 *
 * @param backends remote scorer services by name; each claims the scorer ids it lists. Scorer ids
 *     no backend claims are served in-process when a scorer module is on the classpath. A backend
 *     without {@code scorers} is asked for them ({@link ScorerDiscoveryProperties}).
 * @param local settings of each in-process scorer's backend (every in-process scorer has its own
 *     breaker and bulkhead with these settings; its time limit comes from the scorer's declared
 *     worst case, not from {@code timeout})
 * @param profiles composite rewards by name
 * @param cache the result cache of identical items
 * @param openrlhf the OpenRLHF remote reward model endpoint ({@code POST /get_reward})
 */
@Validated
@ConfigurationProperties("arbiter.gateway")
public record GatewayProperties(
    @Valid Map<String, Backend> backends,
    @Valid Resilience local,
    @Valid Map<String, Profile> profiles,
    @Valid Cache cache,
    @Valid OpenRlhf openrlhf) {

  public GatewayProperties {
    backends = backends == null ? Map.of() : backends;
    local = local == null ? Resilience.defaults() : local;
    profiles = profiles == null ? Map.of() : profiles;
    cache = cache == null ? new Cache(null, null, null) : cache;
    openrlhf = openrlhf == null ? new OpenRlhf(null, null, null, null, null, null, null) : openrlhf;
  }

  /**
   * A remote scorer service.
   *
   * @param url base URL, e.g. {@code http://vision-iou:8081}
   * @param scorers the scorer ids routed to it; empty (the default): the ids it lists at {@code GET
   *     /v1/scorers}, learned at start-up and on recovery ({@code arbiter.gateway.discovery})
   * @param resilience time limit, bulkhead, retry and circuit breaker of calls to it
   */
  public record Backend(@NotBlank String url, List<String> scorers, @Valid Resilience resilience) {
    public Backend {
      scorers = scorers == null ? List.of() : List.copyOf(scorers);
      resilience = resilience == null ? Resilience.defaults() : resilience;
    }
  }

  /**
   * How one backend is called.
   *
   * @param timeout time limit of one call to a remote service, on top of the declared worst case of
   *     the call's items (learned from the service's {@code GET /v1/scorers}); unused for
   *     in-process scorers, whose limit is their declared worst case
   * @param batchSize most items per call; a request's items for one backend are cut into batches
   *     sent concurrently
   * @param maxConcurrentCalls bulkhead: calls in flight at once; beyond it items are {@code
   *     overloaded}
   * @param maxWait how long a call may wait for a bulkhead permit
   * @param retryAttempts attempts of a call failing with a connection error or 5xx (1: no retry)
   * @param retryBackoff first backoff, doubled per attempt
   * @param failureRateThreshold percentage of failed calls that opens the circuit
   * @param minimumCalls calls recorded before the failure rate counts
   * @param slidingWindow calls in the circuit breaker's window
   * @param openDuration how long an open circuit refuses calls before probing
   */
  public record Resilience(
      Duration timeout,
      @Min(1) Integer batchSize,
      @Min(1) Integer maxConcurrentCalls,
      Duration maxWait,
      @Min(1) Integer retryAttempts,
      Duration retryBackoff,
      @DecimalMin("1") @DecimalMax("100") Float failureRateThreshold,
      @Min(1) Integer minimumCalls,
      @Min(1) Integer slidingWindow,
      Duration openDuration) {

    public Resilience {
      timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
      batchSize = batchSize == null ? 64 : batchSize;
      maxConcurrentCalls = maxConcurrentCalls == null ? 64 : maxConcurrentCalls;
      maxWait = maxWait == null ? Duration.ofMillis(100) : maxWait;
      retryAttempts = retryAttempts == null ? 3 : retryAttempts;
      retryBackoff = retryBackoff == null ? Duration.ofMillis(50) : retryBackoff;
      failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
      minimumCalls = minimumCalls == null ? 10 : minimumCalls;
      slidingWindow = slidingWindow == null ? 20 : slidingWindow;
      openDuration = openDuration == null ? Duration.ofSeconds(10) : openDuration;
    }

    static Resilience defaults() {
      return new Resilience(null, null, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * A composite reward: {@code clip(sum of weight * clip(component)))}.
   *
   * @param description one line for {@code GET /v1/profiles}
   * @param components the weighted parts
   * @param min lower clip of the total (optional)
   * @param max upper clip of the total (optional)
   */
  public record Profile(
      String description, @NotEmpty @Valid List<Component> components, Double min, Double max) {}

  /**
   * One part of a profile.
   *
   * @param name its key in the result's {@code components} (default: component or scorer id)
   * @param scorer the scorer that computes it
   * @param component take this named component of the scorer's result instead of its reward
   * @param weight multiplier in the sum (default 1)
   * @param options options merged over the item's own for this scorer
   * @param min lower clip before weighting (optional)
   * @param max upper clip before weighting (optional)
   * @param keyedOn name of another (not keyed) component of the profile: this component then takes
   *     the scorer's component {@code if_correct} when that one's value is at least 0.5, else
   *     {@code if_wrong} (e.g. the {@code length} scorer's cosine reward keyed on {@code math})
   */
  public record Component(
      String name,
      @NotBlank String scorer,
      String component,
      Double weight,
      Map<String, Object> options,
      Double min,
      Double max,
      String keyedOn) {

    @ConstructorBinding
    public Component {
      weight = weight == null ? 1.0 : weight;
      options = options == null ? Map.of() : options;
      name = name != null ? name : component != null ? component : scorer;
    }

    /** A component that is not keyed on another. */
    public Component(
        String name,
        String scorer,
        String component,
        Double weight,
        Map<String, Object> options,
        Double min,
        Double max) {
      this(name, scorer, component, weight, options, min, max, null);
    }
  }

  /**
   * @param enabled cache identical (scorer, reference, options, response) items
   * @param maxEntries most cached results
   * @param maxResponseChars responses longer than this are never cached
   */
  public record Cache(Boolean enabled, @Min(0) Long maxEntries, @Min(0) Integer maxResponseChars) {
    public Cache {
      enabled = enabled == null || enabled;
      maxEntries = maxEntries == null ? 100_000L : maxEntries;
      maxResponseChars = maxResponseChars == null ? 65_536 : maxResponseChars;
    }
  }

  /**
   * OpenRLHF's remote reward model protocol ({@code POST /get_reward}).
   *
   * @param scorer the scorer of items whose label names none (default {@code math}, so plain-string
   *     labels work out of the box); unused when {@code profile} is set
   * @param profile a profile applied to every item instead of a scorer
   * @param referenceField the reference member a plain label fills (default {@code answer})
   * @param nullReward reward reported for an item without a reward (invalid reference, unseparable
   *     query, or masked with {@code on-masked: null-reward}); OpenRLHF cannot take null, {@code
   *     extra_logs.valid} is 0 for these
   * @param onMasked {@code fail} (default): a masked item fails the call with 503 and {@code
   *     Retry-After}; {@code null-reward}: it reports {@code null-reward} with {@code valid = 0}
   *     and {@code masked = 1}
   * @param retryAfter the 503's {@code Retry-After} (default: the longest circuit-breaker open
   *     window among the backends of the masked items' scorers)
   * @param components component names logged in {@code extra_logs} for every call (default: the
   *     profile's components, else none), so the keys never change with the batch
   */
  public record OpenRlhf(
      String scorer,
      String profile,
      String referenceField,
      Double nullReward,
      OnMasked onMasked,
      Duration retryAfter,
      List<String> components) {
    public OpenRlhf {
      profile = profile == null || profile.isBlank() ? null : profile;
      scorer = scorer == null || scorer.isBlank() ? (profile == null ? "math" : null) : scorer;
      referenceField = referenceField == null ? "answer" : referenceField;
      nullReward = nullReward == null ? 0.0 : nullReward;
      onMasked = onMasked == null ? OnMasked.FAIL : onMasked;
      components = components == null ? List.of() : List.copyOf(components);
    }

    /** What {@code /get_reward} does with an item that stayed masked. */
    public enum OnMasked {
      FAIL,
      NULL_REWARD
    }
  }
}
