package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScorerDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;

/**
 * Learns which scorer ids each remote backend serves from its {@code GET /v1/scorers} and routes
 * them in the {@link RoutingTable}, so deployments list backend URLs only. Asks at start-up, again
 * every {@code refreshInterval}, and after a failed ask every {@code retryInterval} (doubling up to
 * {@code maxRetryInterval}), so a backend that was down (or restarted with other scorers) is picked
 * up when it recovers. A backend that stops answering keeps its routes: its items are then masked
 * by the resilient call path, never turned into "unknown scorer" request errors.
 */
public final class ScorerDiscovery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScorerDiscovery.class);

  /**
   * @param callTimeout time limit of one {@code GET /v1/scorers}
   * @param retryInterval first wait after a failed ask, doubled per failure
   * @param maxRetryInterval longest wait between failed asks
   * @param refreshInterval wait between asks of a backend that answered
   */
  public record Settings(
      Duration callTimeout,
      Duration retryInterval,
      Duration maxRetryInterval,
      Duration refreshInterval) {}

  private final RoutingTable routing;
  private final List<Backend> targets;
  private final Settings settings;
  private final ScheduledExecutorService scheduler;
  private final CountDownLatch allAnswered;
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final Map<String, String> lastErrors = new ConcurrentHashMap<>();

  public ScorerDiscovery(RoutingTable routing, List<Backend> targets, Settings settings) {
    this.routing = routing;
    this.targets = List.copyOf(targets);
    this.settings = settings;
    this.allAnswered = new CountDownLatch(this.targets.size());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "scorer-discovery");
              t.setDaemon(true);
              return t;
            });
  }

  /** Asks every target now, and keeps asking in the background. */
  public void start() {
    targets.forEach(b -> scheduler.execute(() -> ask(b, settings.retryInterval())));
  }

  /**
   * Waits until every target answered once or {@code timeout} passed.
   *
   * @return whether every target answered
   */
  public boolean awaitFirstAnswers(Duration timeout) throws InterruptedException {
    return allAnswered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Backends that have not answered yet, with the reason of their last failed ask. */
  public Map<String, String> pending() {
    Map<String, String> pending = new TreeMap<>();
    targets.stream()
        .filter(b -> !answered.contains(b.name()))
        .forEach(b -> pending.put(b.name(), lastErrors.getOrDefault(b.name(), "not asked yet")));
    return pending;
  }

  private void ask(Backend backend, Duration backoff) {
    List<ScorerDescriptor> descriptors;
    try {
      descriptors = backend.descriptors().block(settings.callTimeout());
      if (descriptors == null) {
        throw new IllegalStateException("no answer");
      }
    } catch (RuntimeException e) {
      Throwable cause = Exceptions.unwrap(e);
      String reason =
          cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
      if (!reason.equals(lastErrors.put(backend.name(), reason))) {
        log.warn(
            "backend '{}': cannot list its scorers ({}); asking again in {}",
            backend.name(),
            reason,
            backoff);
      }
      Duration next = backoff.multipliedBy(2);
      schedule(
          backend,
          backoff,
          next.compareTo(settings.maxRetryInterval()) > 0 ? settings.maxRetryInterval() : next);
      return;
    }
    lastErrors.remove(backend.name());
    List<String> before = routing.scorersOf(backend);
    List<String> now =
        routing.assign(backend, descriptors.stream().map(ScorerDescriptor::id).toList());
    if (!now.equals(before)) {
      log.info("routing {} to backend '{}' (from its /v1/scorers)", now, backend.name());
    }
    if (answered.add(backend.name())) {
      allAnswered.countDown();
    }
    schedule(backend, settings.refreshInterval(), settings.retryInterval());
  }

  private void schedule(Backend backend, Duration delay, Duration nextBackoff) {
    if (!scheduler.isShutdown()) {
      scheduler.schedule(() -> ask(backend, nextBackoff), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
