package dev.arbiter.server.scoring;

import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The scorers this process hosts, by id. Two scorers with one id are a start-up error. */
public final class ScorerRegistry {

  private final Map<String, Scorer> byId = new TreeMap<>();

  public ScorerRegistry(Collection<? extends Scorer> scorers) {
    for (Scorer scorer : scorers) {
      Scorer previous = byId.putIfAbsent(scorer.id(), scorer);
      if (previous != null) {
        throw new IllegalStateException(
            "two scorers claim id '"
                + scorer.id()
                + "': "
                + previous.getClass().getName()
                + " and "
                + scorer.getClass().getName());
      }
    }
  }

  public Optional<Scorer> find(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  public boolean contains(String id) {
    return id != null && byId.containsKey(id);
  }

  /** Sorted scorer ids. */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  public List<ScorerDescriptor> descriptors() {
    return byId.values().stream().map(Scorer::descriptor).toList();
  }
}
