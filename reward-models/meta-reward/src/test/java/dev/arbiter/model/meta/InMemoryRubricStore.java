package dev.arbiter.model.meta;

import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricVersion;
import dev.arbiter.model.meta.store.RubricConflictException;
import dev.arbiter.model.meta.store.RubricStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link RubricStore} in memory for unit tests of the judge and the loop. */
public final class InMemoryRubricStore implements RubricStore {

  private final Map<String, List<RubricVersion>> byTask = new TreeMap<>();

  @Override
  public synchronized RubricVersion append(RubricDraft d) {
    List<RubricVersion> history = byTask.computeIfAbsent(d.task(), t -> new ArrayList<>());
    int latest = history.size();
    int parent = d.parentVersion() == null ? 0 : d.parentVersion();
    if (parent != latest) {
      throw new RubricConflictException(d.task(), d.parentVersion(), null);
    }
    RubricVersion v =
        new RubricVersion(
            d.task(),
            latest + 1,
            d.parentVersion(),
            d.description(),
            d.items(),
            d.author(),
            d.trigger(),
            d.analysis(),
            d.samples(),
            Instant.EPOCH);
    history.add(v);
    return v;
  }

  @Override
  public synchronized Optional<RubricVersion> latest(String task) {
    List<RubricVersion> h = byTask.getOrDefault(task, List.of());
    return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
  }

  @Override
  public synchronized Optional<RubricVersion> find(String task, int version) {
    List<RubricVersion> h = byTask.getOrDefault(task, List.of());
    return version < 1 || version > h.size() ? Optional.empty() : Optional.of(h.get(version - 1));
  }

  @Override
  public synchronized List<RubricVersion> history(String task) {
    return List.copyOf(byTask.getOrDefault(task, List.of()));
  }

  @Override
  public synchronized Map<String, Integer> tasks() {
    Map<String, Integer> out = new TreeMap<>();
    byTask.forEach((t, h) -> out.put(t, h.size()));
    return out;
  }
}
