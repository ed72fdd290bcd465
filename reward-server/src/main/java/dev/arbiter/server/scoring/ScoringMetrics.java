package dev.arbiter.server.scoring;

import dev.arbiter.api.ScoreResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-scorer latency histograms ({@code arbiter.score}) and result counts by status ({@code
 * arbiter.score.results}).
 */
public final class ScoringMetrics {

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  public ScoringMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one result of {@code scorer}. */
  public void record(String scorer, ScoreResult result) {
    String name = scorer == null ? "none" : scorer;
    timers
        .computeIfAbsent(
            name,
            s ->
                Timer.builder("arbiter.score")
                    .description("Time to score one item")
                    .tag("scorer", s)
                    .publishPercentileHistogram()
                    .register(registry))
        .record((long) (result.latencyMs() * 1_000_000), TimeUnit.NANOSECONDS);
    String status = result.status().wire();
    counters
        .computeIfAbsent(
            name + '\0' + status,
            k ->
                Counter.builder("arbiter.score.results")
                    .description("Scored items by status")
                    .tag("scorer", name)
                    .tag("status", status)
                    .register(registry))
        .increment();
  }
}
