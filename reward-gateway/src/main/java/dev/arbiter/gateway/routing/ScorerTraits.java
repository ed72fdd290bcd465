package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScorerDescriptor;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the gateway knows of each scorer's declared traits ({@link ScorerDescriptor#timeLimitMs} and
 * {@link ScorerDescriptor#cacheable}): in-process scorers' from start-up, remote scorers' from
 * their service's {@code GET /v1/scorers} as {@link ScorerDiscovery} reads it. An unknown scorer is
 * never cached and its calls get the backend's configured time limit.
 */
public final class ScorerTraits {

  private final Map<String, ScorerDescriptor> known = new ConcurrentHashMap<>();

  public void learn(Collection<ScorerDescriptor> descriptors) {
    descriptors.forEach(d -> known.put(d.id(), d));
  }

  /** True when {@code scorer} declared its verdicts cacheable. */
  public boolean cacheable(String scorer) {
    ScorerDescriptor d = scorer == null ? null : known.get(scorer);
    return d != null && d.cacheable();
  }

  /** The declared worst-case time per item of {@code scorer}, or null when not known. */
  public Duration timeLimit(String scorer) {
    ScorerDescriptor d = scorer == null ? null : known.get(scorer);
    return d == null ? null : d.timeLimit();
  }
}
