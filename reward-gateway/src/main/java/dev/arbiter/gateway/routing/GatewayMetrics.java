package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the gateway saw: results by scorer, backend and status ({@code arbiter.gateway.results}),
 * and the latency of each backend call ({@code arbiter.gateway.backend.calls}, a histogram).
 */
public final class GatewayMetrics {

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> results = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> calls = new ConcurrentHashMap<>();

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void result(String scorer, String backend, ScoreResult result) {
    String status = result.status().wire();
    results
        .computeIfAbsent(
            scorer + '\0' + backend + '\0' + status,
            k ->
                Counter.builder("arbiter.gateway.results")
                    .description("Items answered through the gateway")
                    .tag("scorer", scorer)
                    .tag("backend", backend)
                    .tag("status", status)
                    .register(registry))
        .increment();
  }

  void call(String backend, long nanos) {
    calls
        .computeIfAbsent(
            backend,
            b ->
                Timer.builder("arbiter.gateway.backend.calls")
                    .description("One micro-batch sent to a backend")
                    .tag("backend", b)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }
}
