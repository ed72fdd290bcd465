package dev.arbiter.model.principle;

import dev.arbiter.server.scoring.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Warms the backend up off the start-up thread and keeps the service's readiness at {@code
 * REFUSING_TRAFFIC} ({@code /actuator/health/readiness} answers OUT_OF_SERVICE) until it is done:
 * when Spring Boot declares the application ready before the warm-up finished, this answers with
 * REFUSING_TRAFFIC and declares ACCEPTING_TRAFFIC itself once warm. A failed warm-up leaves the
 * service live but never ready.
 */
public final class ModelWarmup {

  private static final Logger log = LoggerFactory.getLogger(ModelWarmup.class);

  private final ApplicationEventPublisher publisher;
  private boolean warm;
  private boolean readyWanted;

  public ModelWarmup(RewardBackend backend, ApplicationEventPublisher publisher) {
    this.publisher = publisher;
    WorkerPools.daemonThreads("principle-warmup").newThread(() -> run(backend)).start();
  }

  private void run(RewardBackend backend) {
    long start = System.nanoTime();
    try {
      backend.warmUp();
    } catch (RuntimeException | Error e) {
      log.error("warm-up of {} failed; the service stays not ready", backend.description(), e);
      return;
    }
    log.info("warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
    boolean publish;
    synchronized (this) {
      warm = true;
      publish = readyWanted;
    }
    if (publish) {
      AvailabilityChangeEvent.publish(publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
    }
  }

  /** True once the warm-up finished. */
  public synchronized boolean warm() {
    return warm;
  }

  /**
   * Runs after Spring Boot's own availability listener (same lowest order, registered later), so a
   * REFUSING_TRAFFIC published here is the state that stays.
   */
  @EventListener
  @Order(Ordered.LOWEST_PRECEDENCE)
  public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
    if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC || event.getSource() == this) {
      return;
    }
    synchronized (this) {
      if (warm) {
        return;
      }
      readyWanted = true;
    }
    log.info("model still warming up: readiness stays REFUSING_TRAFFIC until it is done");
    AvailabilityChangeEvent.publish(publisher, this, ReadinessState.REFUSING_TRAFFIC);
  }
}
