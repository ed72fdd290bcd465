package dev.arbiter.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    ListingBackend(String name, List<String> served) {
      this.name = name;
      this.served.set(served);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Mono<List<ScoreResult>> score(List<ScoreItem> items) {
      return Mono.error(new UnsupportedOperationException());
    }

    @Override
    public Mono<List<ScorerDescriptor>> descriptors() {
      asks.incrementAndGet();
      List<String> ids = served.get();
      return ids == null
          ? Mono.error(new IOException("Connection refused"))
          : Mono.just(
              ids.stream()
                  .map(id -> new ScorerDescriptor(id, "1", "", Map.of(), Map.of()))
                  .toList());
    }
  }

  private static final ScorerDiscovery.Settings FAST =
      new ScorerDiscovery.Settings(
          Duration.ofSeconds(5),
          Duration.ofMillis(10),
          Duration.ofMillis(40),
          Duration.ofMillis(50));

  private static void eventually(Runnable assertion) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }

  @Test
  void start_routesTheIdsEachBackendLists() throws InterruptedException {
    ListingBackend vision = new ListingBackend("vision", List.of("detection", "grounding"));
    ListingBackend math = new ListingBackend("math", List.of("math"));
    RoutingTable routing = new RoutingTable(Map.of(), List.of(vision, math));
    try (ScorerDiscovery discovery = new ScorerDiscovery(routing, List.of(vision, math), FAST)) {
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
    try (ScorerDiscovery discovery = new ScorerDiscovery(routing, List.of(code), FAST)) {
      discovery.start();
      eventually(() -> assertThat(code.asks).hasValueGreaterThan(2));
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
    try (ScorerDiscovery discovery = new ScorerDiscovery(routing, List.of(vision), FAST)) {
      discovery.start();
      assertThat(discovery.awaitFirstAnswers(Duration.ofSeconds(30))).isTrue();

      vision.served.set(null);
      int asked = vision.asks.get();
      eventually(() -> assertThat(vision.asks).hasValueGreaterThan(asked + 2));
      assertThat(routing.route("detection")).containsSame(vision);

      vision.served.set(List.of("detection", "gui-action"));
      eventually(() -> assertThat(routing.scorersOf(vision)).contains("gui-action"));
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
