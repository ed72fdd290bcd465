package dev.arbiter.gateway;

import dev.arbiter.gateway.routing.ScorerDiscovery;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway learns the scorer ids of backends configured without {@code scorers} (from their
 * {@code GET /v1/scorers}).
 *
 * @param startupWait how long start-up waits for every such backend to answer once; scorer ids of a
 *     backend that answers later are routed from then on (a profile is checked once, after this
 *     wait)
 * @param callTimeout time limit of one {@code GET /v1/scorers}
 * @param retryInterval first wait after a failed ask, doubled per failure
 * @param maxRetryInterval longest wait between failed asks
 * @param refreshInterval wait between asks of a backend that answered
 */
@ConfigurationProperties("arbiter.gateway.discovery")
public record ScorerDiscoveryProperties(
    Duration startupWait,
    Duration callTimeout,
    Duration retryInterval,
    Duration maxRetryInterval,
    Duration refreshInterval) {

  public ScorerDiscoveryProperties {
    startupWait = startupWait == null ? Duration.ofSeconds(60) : startupWait;
    callTimeout = callTimeout == null ? Duration.ofSeconds(5) : callTimeout;
    retryInterval = retryInterval == null ? Duration.ofMillis(500) : retryInterval;
    maxRetryInterval = maxRetryInterval == null ? Duration.ofSeconds(10) : maxRetryInterval;
    refreshInterval = refreshInterval == null ? Duration.ofSeconds(30) : refreshInterval;
  }

  ScorerDiscovery.Settings settings() {
    return new ScorerDiscovery.Settings(
        callTimeout, retryInterval, maxRetryInterval, refreshInterval);
  }
}
