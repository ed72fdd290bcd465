package dev.arbiter.model.meta.detect;

import dev.arbiter.model.meta.refine.ScoredSample;
import dev.arbiter.model.meta.rubric.RubricVersion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The detectors with their thresholds, evaluated per task. Exports {@code
 * arbiter.meta.detector.value} and {@code arbiter.meta.detector.alarm} gauges and an {@code
 * arbiter.meta.detector.alarms} counter of alarms raised, tagged by task and detector.
 */
public final class DetectorBank {

  /** A detector and the value at which it alarms. */
  public record Armed(HackDetector detector, double threshold) {}

  private final List<Armed> detectors;
  private final int minWindow;
  private final MeterRegistry meters;
  private final ConcurrentMap<String, AtomicReference<DetectorReading>> latest =
      new ConcurrentHashMap<>();

  public DetectorBank(List<Armed> detectors, int minWindow, MeterRegistry meters) {
    this.detectors = List.copyOf(detectors);
    this.minWindow = minWindow;
    this.meters = meters;
  }

  /** The default five detectors with the given thresholds by name (missing names use defaults). */
  public static List<Armed> defaults(Map<String, Double> thresholds, int formatMinWords) {
    List<Armed> out = new ArrayList<>();
    out.add(armed(new LengthCorrelationDetector(), thresholds, 0.5));
    out.add(armed(new SaturationDetector(), thresholds, 0.8));
    out.add(armed(new RepetitionDetector(), thresholds, 0.3));
    out.add(armed(new RubricEchoDetector(), thresholds, 0.15));
    out.add(armed(new FormatExploitDetector(formatMinWords), thresholds, 0.25));
    return out;
  }

  private static Armed armed(HackDetector d, Map<String, Double> thresholds, double fallback) {
    return new Armed(d, thresholds.getOrDefault(d.name(), fallback));
  }

  /**
   * Measures {@code window} for {@code task} and returns the readings of detectors whose alarm was
   * just raised (it was not raised at the previous evaluation).
   */
  public List<DetectorReading> evaluate(
      String task, List<ScoredSample> window, RubricVersion rubric) {
    List<DetectorReading> raised = new ArrayList<>();
    for (Armed a : detectors) {
      double value = window.isEmpty() ? 0 : a.detector().measure(window, rubric);
      boolean alarm = window.size() >= minWindow && value >= a.threshold();
      DetectorReading reading =
          new DetectorReading(a.detector().name(), value, a.threshold(), alarm, window.size());
      DetectorReading before = slot(task, a.detector().name()).getAndSet(reading);
      if (alarm && (before == null || !before.alarm())) {
        raised.add(reading);
        Counter.builder("arbiter.meta.detector.alarms")
            .description("Reward-hacking alarms raised")
            .tag("task", task)
            .tag("detector", reading.detector())
            .register(meters)
            .increment();
      }
    }
    return raised;
  }

  /** The latest readings of {@code task}, one per detector (none before the first evaluation). */
  public List<DetectorReading> readings(String task) {
    List<DetectorReading> out = new ArrayList<>();
    for (Armed a : detectors) {
      AtomicReference<DetectorReading> ref = latest.get(task + '\0' + a.detector().name());
      if (ref != null && ref.get() != null) {
        out.add(ref.get());
      }
    }
    return out;
  }

  private AtomicReference<DetectorReading> slot(String task, String detector) {
    return latest.computeIfAbsent(
        task + '\0' + detector,
        k -> {
          AtomicReference<DetectorReading> ref = new AtomicReference<>();
          Gauge.builder("arbiter.meta.detector.value", ref, r -> value(r.get()))
              .description("Latest reward-hacking statistic")
              .tag("task", task)
              .tag("detector", detector)
              .register(meters);
          Gauge.builder("arbiter.meta.detector.alarm", ref, r -> alarm(r.get()))
              .description("1 while the detector's alarm is raised")
              .tag("task", task)
              .tag("detector", detector)
              .register(meters);
          return ref;
        });
  }

  private static double value(DetectorReading r) {
    return r == null ? Double.NaN : r.value();
  }

  private static double alarm(DetectorReading r) {
    return r != null && r.alarm() ? 1 : 0;
  }
}
