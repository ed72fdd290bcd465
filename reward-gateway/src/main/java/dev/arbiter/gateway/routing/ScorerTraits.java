package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScorerDescriptor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway knows of each scorer's declared traits ({@link ScorerDescriptor#timeLimitMs} and
 * {@link ScorerDescriptor#cacheable}): in-process scorers' at start-up, remote scorers' from their
 * service's {@code GET /v1/scorers}, asked in the background when a batch names a scorer not known
 * yet (at most once per {@link #RETRY_INTERVAL} per backend). An unknown scorer is never cached and
 * its calls get the backend's configured time limit.
 */
public final class ScorerTraits {

  /** How often a backend whose scorers are not all known is asked again. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(ScorerTraits.class);

  private final Map<String, ScorerDescriptor> known = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastAsked = new ConcurrentHashMap<>();

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

  /** Asks {@code backend} for its descriptors unless every one of {@code scorers} is known. */
  public void learnFrom(Backend backend, List<String> scorers, Duration timeout) {
    if (known.keySet().containsAll(scorers)) {
      return;
    }
    AtomicLong last = lastAsked.computeIfAbsent(backend.name(), b -> new AtomicLong());
    long now = System.nanoTime();
    long previous = last.get();
    if (previous != 0 && now - previous < RETRY_INTERVAL.toNanos()) {
      return;
    }
    if (!last.compareAndSet(previous, now)) {
      return;
    }
    backend
        .descriptors()
        .timeout(timeout)
        .subscribe(
            this::learn,
            e ->
                log.debug("backend {} did not list its scorers: {}", backend.name(), e.toString()));
  }
}
