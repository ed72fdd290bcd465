package dev.arbiter.model.meta.store;

import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the judge reads: each task's current rubric from memory, published versions written through
 * to the {@link RubricStore}. A publication switches the current rubric atomically (one map
 * update), so an item is judged wholly under one version. Current rubrics are re-read from the
 * store after {@code ttl} so that versions published by another replica are picked up.
 */
public final class RubricCatalog {

  private record Cached(RubricVersion version, long readAtMillis) {}

  private final RubricStore store;
  private final Clock clock;
  private final long ttlMillis;
  private final ConcurrentMap<String, Cached> current = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, RubricVersion> pinned = new ConcurrentHashMap<>();

  public RubricCatalog(RubricStore store, Clock clock, Duration ttl) {
    this.store = store;
    this.clock = clock;
    this.ttlMillis = ttl.toMillis();
  }

  public RubricStore store() {
    return store;
  }

  /** The task's current rubric. */
  public Optional<RubricVersion> current(String task) {
    Cached c = current.get(task);
    long now = clock.millis();
    if (c != null && now - c.readAtMillis() < ttlMillis) {
      return Optional.of(c.version());
    }
    Optional<RubricVersion> latest = store.latest(task);
    latest.ifPresent(v -> remember(v, now));
    return latest;
  }

  /** A given version, for pinned re-scoring. Versions never change, so they are cached forever. */
  public Optional<RubricVersion> version(String task, int version) {
    RubricVersion hit = pinned.get(task + '\0' + version);
    if (hit != null) {
      return Optional.of(hit);
    }
    Optional<RubricVersion> found = store.find(task, version);
    found.ifPresent(v -> pinned.put(task + '\0' + version, v));
    return found;
  }

  /**
   * Publishes {@code draft} and makes it current.
   *
   * @throws RubricConflictException when the draft's parent is no longer the latest version
   */
  public RubricVersion publish(RubricDraft draft) {
    RubricVersion published = store.append(draft);
    remember(published, clock.millis());
    return published;
  }

  /** Publishes a task's first version unless the store already has one (config seeding). */
  public RubricVersion seed(RubricDraft draft) {
    Optional<RubricVersion> existing = current(draft.task());
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return publish(draft);
    } catch (RubricConflictException e) {
      return current(draft.task()).orElseThrow(() -> e);
    }
  }

  /** Every task with its latest version number. */
  public Map<String, Integer> tasks() {
    return store.tasks();
  }

  private void remember(RubricVersion v, long now) {
    current.merge(
        v.task(),
        new Cached(v, now),
        (old, neu) -> old.version().version() > neu.version().version() ? old : neu);
  }
}
