package dev.arbiter.gateway.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scorer id to the backend that serves it. Configured routes are fixed at start-up; a backend
 * configured without scorer ids learns them from its {@code GET /v1/scorers} ({@link
 * ScorerDiscovery}), so routes can be added while the gateway runs. Reads take a snapshot.
 */
public final class RoutingTable {

  private static final Logger log = LoggerFactory.getLogger(RoutingTable.class);

  private volatile Map<String, Backend> routes;
  private final List<Backend> backends;

  public RoutingTable(Map<String, Backend> routes) {
    this(routes, routes.values());
  }

  /**
   * @param routes the configured routes
   * @param backends every backend, also those that serve no scorer yet (discovered later)
   */
  public RoutingTable(Map<String, Backend> routes, Collection<? extends Backend> backends) {
    this.routes = new TreeMap<>(routes);
    Set<Backend> all = new LinkedHashSet<>(backends);
    all.addAll(routes.values());
    this.backends = List.copyOf(all);
  }

  public Optional<Backend> route(String scorer) {
    return Optional.ofNullable(scorer == null ? null : routes.get(scorer));
  }

  /** Sorted scorer ids reachable through the gateway. */
  public List<String> scorers() {
    return List.copyOf(routes.keySet());
  }

  public List<Backend> backends() {
    return backends;
  }

  /** The scorer ids routed to {@code backend}. */
  public List<String> scorersOf(Backend backend) {
    return routes.entrySet().stream()
        .filter(e -> e.getValue() == backend)
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * Routes exactly {@code scorers} to {@code backend}: ids it served before and no longer lists are
   * dropped; an id is taken over from the in-process backend, never from another remote one (the
   * first claim wins, the conflict is logged).
   *
   * @return the ids now routed to {@code backend}
   */
  public synchronized List<String> assign(Backend backend, Collection<String> scorers) {
    Map<String, Backend> next = new TreeMap<>(routes);
    next.values().removeIf(b -> b == backend);
    List<String> taken = new ArrayList<>();
    for (String id : scorers) {
      Backend owner = next.get(id);
      if (owner == null || owner.name().startsWith(LocalBackend.PREFIX)) {
        next.put(id, backend);
        taken.add(id);
      } else {
        log.warn(
            "backend '{}' serves scorer '{}' that backend '{}' already serves; keeping '{}'",
            backend.name(),
            id,
            owner.name(),
            owner.name());
      }
    }
    routes = next;
    return List.copyOf(taken);
  }
}
