package dev.arbiter.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Scorer id to the backend that serves it, fixed at start-up from configuration. */
public final class RoutingTable {

  private final Map<String, Backend> routes;
  private final List<Backend> backends;

  public RoutingTable(Map<String, Backend> routes) {
    this.routes = new TreeMap<>(routes);
    this.backends = routes.values().stream().distinct().toList();
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
}
