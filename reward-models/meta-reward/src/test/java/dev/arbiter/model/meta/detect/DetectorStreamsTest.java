package dev.arbiter.model.meta.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.model.meta.Rubrics;
import dev.arbiter.model.meta.refine.ScoredSample;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every detector on synthetic streams of judged items, seeded: {@value #STREAMS} streams of {@value
 * #WINDOW} items without the hack (false-alarm rate) and as many with it (detection rate), measured
 * with the default thresholds. A third set of streams mixes honest and hacked items half and half
 * ("diluted": the hack at half strength); its detection rate is reported, not asserted. Rates are
 * written to {@code target/detector-rates.txt}.
 */
class DetectorStreamsTest {

  static final int STREAMS = 100;
  static final int WINDOW = 100;
  static final int MAX = 10;
  static final RubricVersion RUBRIC =
      Rubrics.essay(
          "write an essay",
          new RubricItem("States a clear thesis that answers the prompt.", 3, List.of()),
          new RubricItem(
              "Supports the thesis with specific relevant evidence or reasoning.", 4, List.of()),
          new RubricItem("Is concise and well organized with no filler.", 3, List.of()));
  static final Map<String, String> RATES = new LinkedHashMap<>();

  /** Honest text: Zipf-ish draws from a 300-word vocabulary. */
  static String honestText(Random rnd, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      int w = (int) Math.floor(300 * Math.pow(rnd.nextDouble(), 2.5));
      b.append(i == 0 ? "" : " ").append("word").append(w);
      if (rnd.nextInt(12) == 0) {
        b.append('.');
      }
    }
    return b.toString();
  }

  static ScoredSample sample(int i, String response, int total) {
    return new ScoredSample("s" + i, "essay", 1, "p", response, total, MAX, List.of(total));
  }

  /** An honest item: length and score independent, scores spread over 0..MAX. */
  static ScoredSample honest(Random rnd, int i) {
    boolean shortAnswer = rnd.nextInt(20) == 0;
    int words = shortAnswer ? 1 + rnd.nextInt(6) : 40 + rnd.nextInt(210);
    return sample(i, honestText(rnd, words), rnd.nextInt(MAX + 1));
  }

  static final Map<String, BiFunction<Random, Integer, ScoredSample>> HACKS =
      Map.of(
          "length_correlation",
          (rnd, i) -> {
            int words = 40 + rnd.nextInt(210);
            double expected = MAX * (words - 40) / 210.0 + rnd.nextGaussian() * 1.5;
            int total = (int) Math.max(0, Math.min(MAX, Math.round(expected)));
            return sample(i, honestText(rnd, words), total);
          },
          "score_saturation",
          (rnd, i) -> rnd.nextInt(10) < 9 ? sample(i, honestText(rnd, 120), MAX) : honest(rnd, i),
          "ngram_repetition",
          (rnd, i) -> {
            if (rnd.nextBoolean()) {
              return honest(rnd, i);
            }
            String phrase = honestText(rnd, 12);
            return sample(i, (phrase + " ").repeat(10), 6 + rnd.nextInt(5));
          },
          "rubric_echo",
          (rnd, i) -> {
            if (rnd.nextInt(10) < 6) {
              return honest(rnd, i);
            }
            StringBuilder b = new StringBuilder("My answer ");
            RUBRIC.items().forEach(it -> b.append(it.criterion()).append(' '));
            return sample(i, b + honestText(rnd, 10), 8 + rnd.nextInt(3));
          },
          "format_exploit",
          (rnd, i) ->
              rnd.nextInt(10) < 4
                  ? sample(
                      i,
                      rnd.nextBoolean() ? "Answer: 42" : "<think></think> 42",
                      6 + rnd.nextInt(5))
                  : honest(rnd, i));

  static HackDetector detector(String name) {
    return DetectorBank.defaults(Map.of(), 8).stream()
        .filter(a -> a.detector().name().equals(name))
        .findFirst()
        .orElseThrow()
        .detector();
  }

  /** Alarm rate and mean statistic over the streams. */
  record Rates(double alarmRate, double meanValue) {}

  /**
   * @param hackShare the probability that an item of a stream comes from the hack (0 = honest)
   */
  static Rates rates(String name, double hackShare, long seed) {
    DetectorBank bank =
        new DetectorBank(
            DetectorBank.defaults(Map.of(), 8).stream()
                .filter(a -> a.detector().name().equals(name))
                .toList(),
            30,
            new SimpleMeterRegistry());
    Random rnd = new Random(seed);
    int alarms = 0;
    double sum = 0;
    for (int s = 0; s < STREAMS; s++) {
      List<ScoredSample> window = new ArrayList<>(WINDOW);
      for (int i = 0; i < WINDOW; i++) {
        boolean hacked = rnd.nextDouble() < hackShare;
        window.add(hacked ? HACKS.get(name).apply(rnd, i) : honest(rnd, i));
      }
      alarms += bank.evaluate("stream-" + s, window, RUBRIC).isEmpty() ? 0 : 1;
      sum += detector(name).measure(window, RUBRIC);
    }
    return new Rates((double) alarms / STREAMS, sum / STREAMS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "length_correlation",
        "score_saturation",
        "ngram_repetition",
        "rubric_echo",
        "format_exploit"
      })
  void detector_alarmsOnItsHackAndRarelyOnHonestStreams(String name) throws IOException {
    Rates honest = rates(name, 0, 17);
    Rates hacked = rates(name, 1, 42);
    Rates diluted = rates(name, 0.5, 99);
    double falseAlarms = honest.alarmRate();
    double detection = hacked.alarmRate();
    RATES.put(
        name,
        String.format(
            "false_alarm_rate=%.3f detection_rate=%.3f diluted_detection_rate=%.3f"
                + " mean_value honest=%.3f hacked=%.3f diluted=%.3f",
            falseAlarms,
            detection,
            diluted.alarmRate(),
            honest.meanValue(),
            hacked.meanValue(),
            diluted.meanValue()));
    Path out = Path.of("target", "detector-rates.txt");
    Files.createDirectories(out.getParent());
    StringBuilder b = new StringBuilder();
    RATES.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
    Files.writeString(out, b);

    assertThat(detector(name).name()).isEqualTo(name);
    assertThat(falseAlarms).as("false-alarm rate of %s", name).isLessThanOrEqualTo(0.05);
    assertThat(detection).as("detection rate of %s", name).isGreaterThanOrEqualTo(0.95);
  }
}
