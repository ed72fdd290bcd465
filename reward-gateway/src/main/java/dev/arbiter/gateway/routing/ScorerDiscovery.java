package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.server.scoring.WorkerPools;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;

/**
 * The gateway's one reader of its remote backends' {@code GET /v1/scorers}. Every answer feeds
 * {@link ScorerTraits} (each scorer's declared time limit and cacheability); for a backend
 * configured without scorer ids it also sets that backend's routes in the {@link RoutingTable}, so
 * deployments list backend URLs only. Asks at start-up, again every {@code refreshInterval}, and
 * after a failed ask every {@code retryInterval} (doubling up to {@code maxRetryInterval}), so a
 * backend that was down (or restarted with other scorers) is picked up when it recovers. A backend
 * that stops answering keeps its routes and traits: its items are then masked by the resilient call
 * path, never turned into "unknown scorer" request errors. Until a scorer's traits are known it is
 * never cached and its calls get the backend's configured time limit.
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
  private final ScorerTraits traits;
  private final List<Backend> backends;
  private final Set<Backend> routedByAnswer;
  private final Settings settings;
  private final ScheduledExecutorService scheduler = WorkerPools.timer("scorer-discovery");
  private final CountDownLatch allRouted;
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final Map<String, String> lastErrors = new ConcurrentHashMap<>();

  /**
   * @param backends the remote backends to ask
   * @param routedByAnswer those of them whose routes are the ids they list
   */
  public ScorerDiscovery(
      RoutingTable routing,
      ScorerTraits traits,
      List<Backend> backends,
      Set<Backend> routedByAnswer,
      Settings settings) {
    this.routing = routing;
    this.traits = traits;
    this.backends = List.copyOf(backends);
    this.routedByAnswer = Set.copyOf(routedByAnswer);
    this.settings = settings;
    this.allRouted = new CountDownLatch(this.routedByAnswer.size());
  }

  /** Asks every backend now, and keeps asking in the background. */
  public void start() {
    backends.forEach(b -> scheduler.execute(() -> ask(b, settings.retryInterval())));
  }

  /**
   * Waits until every backend whose routes come from its answer answered once, or {@code timeout}
   * passed.
   *
   * @return whether every such backend answered
   */
  public boolean awaitFirstAnswers(Duration timeout) throws InterruptedException {
    return allRouted.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Backends whose routes come from their answer and that have not answered yet, with the reason of
   * their last failed ask.
   */
  public Map<String, String> pending() {
    Map<String, String> pending = new TreeMap<>();
    routedByAnswer.stream()
        .filter(b -> !answered.contains(b.name()))
        .forEach(b -> pending.put(b.name(), lastErrors.getOrDefault(b.name(), "not asked yet")));
    return pending;
  }

  private void ask(Backend backend, Duration backoff) {
    try {
      askOnce(backend, backoff);
    } catch (RuntimeException | Error e) {
      // whatever fails after the answer (routing, traits) must not end this backend's asking: a
      // scheduled task that throws is never run again
      failed(backend, e, backoff);
    }
  }

  private void askOnce(Backend backend, Duration backoff) {
    List<ScorerDescriptor> descriptors;
    try {
      descriptors = backend.descriptors().block(settings.callTimeout());
      if (descriptors == null) {
        throw new IllegalStateException("no answer");
      }
    } catch (RuntimeException e) {
      failed(backend, Exceptions.unwrap(e), backoff);
      return;
    }
    if (lastErrors.remove(backend.name()) != null) {
      log.info("backend '{}' lists its scorers again", backend.name());
    }
    if (routedByAnswer.contains(backend)) {
      List<String> before = routing.scorersOf(backend);
      List<String> now =
          routing.assign(backend, descriptors.stream().map(ScorerDescriptor::id).toList());
      if (!now.equals(before)) {
        log.info("routing {} to backend '{}' (from its /v1/scorers)", now, backend.name());
      }
      if (answered.add(backend.name())) {
        allRouted.countDown();
      }
    }
    // the traits of the scorers routed here (not of ids another backend or this process serves)
    traits.learn(
        descriptors.stream()
            .filter(d -> routing.route(d.id()).filter(b -> b == backend).isPresent())
            .toList());
    schedule(backend, settings.refreshInterval(), settings.retryInterval());
  }

  /** Logs a backend that starts failing once (not every ask), and asks again after a backoff. */
  private void failed(Backend backend, Throwable cause, Duration backoff) {
    String reason =
        cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    if (lastErrors.put(backend.name(), reason) == null) {
      log.warn(
          "backend '{}': cannot list its scorers ({}); asking again from {} up to every {}",
          backend.name(),
          reason,
          backoff,
          settings.maxRetryInterval());
    }
    Duration next = backoff.multipliedBy(2);
    schedule(
        backend,
        backoff,
        next.compareTo(settings.maxRetryInterval()) > 0 ? settings.maxRetryInterval() : next);
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
