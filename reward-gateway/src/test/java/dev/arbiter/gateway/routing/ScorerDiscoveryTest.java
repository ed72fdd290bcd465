package dev.arbiter.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ScorerDiscoveryTest {

  /** Lists whatever {@code served} holds; null means "down" (connection refused). */
  static final class ListingBackend implements Backend {
    final String name;
    final AtomicReference<List<String>> served = new AtomicReference<>();
    final AtomicInteger asks = new AtomicInteger();
    volatile Duration timeLimit;

    ListingBackend(String name, List<String> served) {
      this.name = name;
      this.served.set(served);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Mono<List<ScoreResult>> score(ItemBatch batch) {
      return Mono.error(new UnsupportedOperationException());
    }

    @Override
    public Mono<List<ScorerDescriptor>> descriptors() {
      asks.incrementAndGet();
      List<String> ids = served.get();
      return ids == null
          ? Mono.error(new IOException("Connection refused"))
          : Mono.just(ids.stream().map(id -> descriptor(id, timeLimit)).toList());
    }

    private static ScorerDescriptor descriptor(String id, Duration timeLimit) {
      ScorerDescriptor d = new ScorerDescriptor(id, "1", "", Map.of(), Map.of());
      return timeLimit == null ? d : d.withTimeLimit(timeLimit);
    }
  }

  private static final ScorerDiscovery.Settings FAST =
      new ScorerDiscovery.Settings(
          Duration.ofSeconds(5),
          Duration.ofMillis(10),
          Duration.ofMillis(40),
          Duration.ofMillis(50));

  private static ScorerDiscovery discovery(
      RoutingTable routing, ScorerTraits traits, List<Backend> asked, Set<Backend> routed) {
    return new ScorerDiscovery(routing, traits, asked, routed, FAST);
  }

  private static ScorerDiscovery routing(RoutingTable routing, Backend... backends) {
    return discovery(routing, new ScorerTraits(), List.of(backends), Set.of(backends));
  }

  @Test
  void start_routesTheIdsEachBackendLists() throws InterruptedException {
    ListingBackend vision = new ListingBackend("vision", List.of("detection", "grounding"));
    ListingBackend math = new ListingBackend("math", List.of("math"));
    RoutingTable routing = new RoutingTable(Map.of(), List.of(vision, math));
    try (ScorerDiscovery discovery = routing(routing, vision, math)) {
      discovery.start();
      assertThat(discovery.awaitFirstAnswers(Duration.ofSeconds(30))).isTrue();
      assertThat(routing.scorers()).containsExactly("detection", "grounding", "math");
      assertThat(routing.route("math")).containsSame(math);
      assertThat(discovery.pending()).isEmpty();
    }
  }

  @Test
  void start_backendDownAtStartup_isRoutedWhenItRecovers() throws InterruptedException {
    ListingBackend code = new ListingBackend("code", null);
    RoutingTable routing = new RoutingTable(Map.of(), List.of(code));
    try (ScorerDiscovery discovery = routing(routing, code)) {
      discovery.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(code.asks).hasValueGreaterThan(2));
      assertThat(discovery.awaitFirstAnswers(Duration.ofMillis(1))).isFalse();
      assertThat(routing.scorers()).isEmpty();
      assertThat(discovery.pending()).containsEntry("code", "Connection refused");

      code.served.set(List.of("code"));
      assertThat(discovery.awaitFirstAnswers(Duration.ofSeconds(30))).isTrue();
      assertThat(routing.route("code")).containsSame(code);
    }
  }

  @Test
  void refresh_backendThatStopsAnswering_keepsItsRoutesAndPicksUpNewIdsOnRecovery()
      throws InterruptedException {
    ListingBackend vision = new ListingBackend("vision", List.of("detection"));
    RoutingTable routing = new RoutingTable(Map.of(), List.of(vision));
    try (ScorerDiscovery discovery = routing(routing, vision)) {
      discovery.start();
      assertThat(discovery.awaitFirstAnswers(Duration.ofSeconds(30))).isTrue();

      vision.served.set(null);
      int asked = vision.asks.get();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(vision.asks).hasValueGreaterThan(asked + 2));
      assertThat(routing.route("detection")).containsSame(vision);

      vision.served.set(List.of("detection", "gui-action"));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(routing.scorersOf(vision)).contains("gui-action"));
    }
  }

  @Test
  void start_configuredBackendFeedsTheTraitsOfItsRoutedScorersOnly() throws InterruptedException {
    ListingBackend remote = new ListingBackend("remote", null);
    remote.timeLimit = Duration.ofSeconds(7);
    ListingBackend local = new ListingBackend(LocalBackend.PREFIX + "math", List.of("math"));
    RoutingTable routing =
        new RoutingTable(Map.of("echo", remote, "math", local), List.of(remote, local));
    ScorerTraits traits = new ScorerTraits();
    try (ScorerDiscovery discovery = discovery(routing, traits, List.of(remote), Set.of())) {
      discovery.start();
      // nothing waits for a backend whose routes are configured
      assertThat(discovery.awaitFirstAnswers(Duration.ZERO)).isTrue();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(remote.asks).hasValueGreaterThan(1));
      assertThat(traits.timeLimit("echo")).isNull();

      remote.served.set(List.of("echo", "math"));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(traits.timeLimit("echo")).hasSeconds(7));
      assertThat(traits.cacheable("echo")).isTrue();
      // 'math' is served in-process here: the remote service's descriptor of it is not used
      assertThat(traits.timeLimit("math")).isNull();
      assertThat(routing.scorers()).containsExactly("echo", "math");
    }
  }

  @Test
  void assign_neverTakesAnIdFromAnotherRemoteBackendButTakesItFromTheLocalOne() {
    ListingBackend first = new ListingBackend("first", List.of());
    ListingBackend second = new ListingBackend("second", List.of());
    ListingBackend local = new ListingBackend(LocalBackend.PREFIX + "code", List.of());
    RoutingTable routing =
        new RoutingTable(Map.of("math", first, "code", local), List.of(first, second, local));

    assertThat(routing.assign(second, List.of("math", "code", "new")))
        .containsExactly("code", "new");
    assertThat(routing.route("math")).containsSame(first);
    assertThat(routing.route("code")).containsSame(second);

    assertThat(routing.assign(second, List.of("new"))).containsExactly("new");
    assertThat(routing.route("code")).isEmpty();
  }
}
