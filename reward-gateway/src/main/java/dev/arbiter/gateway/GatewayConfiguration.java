package dev.arbiter.gateway;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.gateway.cache.ResultCache;
import dev.arbiter.gateway.openrlhf.OpenRlhfEndpoint;
import dev.arbiter.gateway.profile.CompositeReward;
import dev.arbiter.gateway.routing.Backend;
import dev.arbiter.gateway.routing.FanOutScorer;
import dev.arbiter.gateway.routing.ForwardingRequestDecoder;
import dev.arbiter.gateway.routing.GatewayMetrics;
import dev.arbiter.gateway.routing.HttpBackend;
import dev.arbiter.gateway.routing.LocalBackend;
import dev.arbiter.gateway.routing.ResilientBackend;
import dev.arbiter.gateway.routing.RoutingTable;
import dev.arbiter.gateway.routing.ScorerDiscovery;
import dev.arbiter.gateway.routing.ScorerTraits;
import dev.arbiter.server.ScoringProperties;
import dev.arbiter.server.scoring.ScoringEngine;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the gateway from {@link GatewayProperties}: remote backends claim their scorer ids, the
 * in-process scorers serve the rest, profiles must name routable scorers (checked at start-up).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GatewayProperties.class, ScorerDiscoveryProperties.class})
public class GatewayConfiguration {

  private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

  @Bean
  ResilientBackend.Registries gatewayResilience(MeterRegistry meterRegistry) {
    ResilientBackend.Registries r = ResilientBackend.Registries.ofDefaults();
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(r.circuitBreakers()).bindTo(meterRegistry);
    TaggedBulkheadMetrics.ofBulkheadRegistry(r.bulkheads()).bindTo(meterRegistry);
    TaggedRetryMetrics.ofRetryRegistry(r.retries()).bindTo(meterRegistry);
    return r;
  }

  /**
   * The declared traits of every routable scorer: in-process ones now, remote ones as {@link
   * ScorerDiscovery} reads them.
   */
  @Bean
  ScorerTraits scorerTraits(ScoringEngine engine) {
    ScorerTraits traits = new ScorerTraits();
    traits.learn(engine.registry().descriptors());
    return traits;
  }

  /**
   * Each in-process scorer is its own backend (its own breaker, bulkhead and time limit); each
   * remote service is one, whose calls' time limit is its configured timeout plus the declared
   * worst case of the call's items.
   */
  @Bean
  RoutingTable routingTable(
      GatewayProperties properties,
      ScoringEngine engine,
      ScorerTraits traits,
      ResilientBackend.Registries registries) {
    Map<String, Backend> routes = new LinkedHashMap<>();
    Set<String> remote = new HashSet<>();
    properties.backends().values().forEach(b -> remote.addAll(b.scorers()));
    for (String id : engine.registry().ids()) {
      if (remote.contains(id)) {
        continue;
      }
      LocalBackend local = new LocalBackend(engine, engine.registry().find(id).orElseThrow());
      routes.put(id, new ResilientBackend(local, properties.local(), registries, local::timeLimit));
    }
    List<Backend> remotes = new ArrayList<>();
    properties
        .backends()
        .forEach(
            (name, backend) -> {
              Duration timeout = backend.resilience().timeout();
              Backend http =
                  new HttpBackend(
                      name, backend.url(), timeout, backend.resilience().maxConcurrentCalls());
              ResilientBackend resilient =
                  new ResilientBackend(
                      http,
                      backend.resilience(),
                      registries,
                      items -> timeout.plus(declared(traits, items)));
              remotes.add(resilient);
              backend.scorers().forEach(id -> routes.put(id, resilient));
              log.info(
                  "routing {} to backend '{}' at {}",
                  backend.scorers().isEmpty() ? "the scorers it lists" : backend.scorers(),
                  name,
                  backend.url());
            });
    log.info("gateway routes: {}", routes.keySet());
    return new RoutingTable(routes, remotes);
  }

  /**
   * Every remote backend is asked for its scorers' traits; those configured without scorer ids also
   * for their routes, which start-up waits for a bounded time.
   */
  @Bean(destroyMethod = "close")
  ScorerDiscovery scorerDiscovery(
      RoutingTable routing,
      ScorerTraits traits,
      GatewayProperties properties,
      ScorerDiscoveryProperties discovery)
      throws InterruptedException {
    List<Backend> remote =
        routing.backends().stream()
            .filter(b -> properties.backends().containsKey(b.name()))
            .toList();
    Set<Backend> routedByAnswer = new HashSet<>();
    remote.stream()
        .filter(b -> properties.backends().get(b.name()).scorers().isEmpty())
        .forEach(routedByAnswer::add);
    ScorerDiscovery d =
        new ScorerDiscovery(routing, traits, remote, routedByAnswer, discovery.settings());
    d.start();
    if (!routedByAnswer.isEmpty() && !d.awaitFirstAnswers(discovery.startupWait())) {
      log.warn(
          "backends that have not listed their scorers after {}: {} (routed when they answer)",
          discovery.startupWait(),
          d.pending());
    }
    log.info("gateway routes: {}", routing.scorers());
    return d;
  }

  /** The declared worst case of {@code items} run one after another (unknown scorers: zero). */
  private static Duration declared(ScorerTraits traits, List<ScoreItem> items) {
    Duration total = Duration.ZERO;
    for (ScoreItem item : items) {
      Duration limit = traits.timeLimit(item.scorer());
      total = limit == null ? total : total.plus(limit);
    }
    return total;
  }

  /**
   * {@code POST /v1/score} bodies decode to items that remember their bytes, which HTTP backends
   * forward as they are (Spring tries custom typed readers before its Jackson decoder).
   */
  @Bean
  CodecCustomizer gatewayForwardingRequestDecoder(JsonMapper mapper) {
    return configurer ->
        configurer.customCodecs().registerWithDefaultConfig(new ForwardingRequestDecoder(mapper));
  }

  @Bean
  ResultCache resultCache(
      GatewayProperties properties, MeterRegistry meterRegistry, ScorerTraits traits) {
    GatewayProperties.Cache c = properties.cache();
    return new ResultCache(
        c.enabled(), c.maxEntries(), c.maxResponseChars(), meterRegistry, traits::cacheable);
  }

  @Bean
  FanOutScorer fanOutScorer(
      RoutingTable routing,
      ResultCache cache,
      GatewayProperties properties,
      MeterRegistry meterRegistry) {
    Map<Backend, Integer> sizes = new IdentityHashMap<>();
    for (Backend b : routing.backends()) {
      GatewayProperties.Backend remote = properties.backends().get(b.name());
      sizes.put(
          b, remote != null ? remote.resilience().batchSize() : properties.local().batchSize());
    }
    return new FanOutScorer(
        routing, cache, b -> sizes.getOrDefault(b, 64), new GatewayMetrics(meterRegistry));
  }

  @Bean
  GatewayScoreHandler gatewayScoreHandler(
      RoutingTable routing,
      FanOutScorer fanOut,
      GatewayProperties properties,
      ScoringProperties scoring,
      ScorerDiscovery discovery) {
    // Profiles are checked against the routes known after discovery's start-up wait.
    Map<String, CompositeReward> profiles = new LinkedHashMap<>();
    properties
        .profiles()
        .forEach(
            (name, profile) -> {
              CompositeReward composite = new CompositeReward(name, profile);
              List<String> unroutable =
                  composite.scorers().stream().filter(id -> routing.route(id).isEmpty()).toList();
              if (!unroutable.isEmpty()) {
                log.warn(
                    "profile '{}' is disabled: it uses scorers {} that no backend serves;"
                        + " routable scorers: {}",
                    name,
                    unroutable,
                    routing.scorers());
                return;
              }
              profiles.put(name, composite);
            });
    return new GatewayScoreHandler(
        routing, fanOut, profiles, scoring.maxItems(), scoring.groupEps());
  }

  @Bean
  OpenRlhfEndpoint openRlhfEndpoint(GatewayScoreHandler handler, GatewayProperties properties) {
    return new OpenRlhfEndpoint(handler, properties);
  }

  @Bean
  ProfilesEndpoint profilesEndpoint(GatewayScoreHandler handler) {
    return new ProfilesEndpoint(handler);
  }
}
