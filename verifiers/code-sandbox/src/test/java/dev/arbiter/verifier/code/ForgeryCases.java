package dev.arbiter.verifier.code;

import static dev.arbiter.verifier.code.TestSandboxes.fenced;
import static dev.arbiter.verifier.code.TestSandboxes.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.verifier.code.spec.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The forgery suite's cases and its check, for any scorer (the bubblewrap backend in {@link
 * ForgerySuiteTest}, the Docker backend in {@link DockerForgerySuiteIT}). The forgery suite ({@code
 * src/test/resources/forgery/forgeries.jsonl}, one named case per line): every trick must earn
 * exactly the reward of an honest wrong solution of its problem, below the honest correct one. A
 * problem line names the reference, the correct and the wrong solution; a forgery line names its
 * problem and the forged program ({@code generate.py} beside it writes the file). {@code
 * -Dforgery.only=<text>} runs the cases whose name contains the text.
 */
final class ForgeryCases {

  private static final Map<String, Map<String, Object>> PROBLEMS = new LinkedHashMap<>();
  private static final List<Map<String, Object>> FORGERIES = new ArrayList<>();

  private final CodeScorer scorer;
  private final Map<String, double[]> baselines = new ConcurrentHashMap<>();
  private final AtomicInteger run = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();

  ForgeryCases(CodeScorer scorer) {
    this.scorer = scorer;
  }

  static {
    try (InputStream in = ForgeryCases.class.getResourceAsStream("/forgery/forgeries.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) Json.read(line);
        if (o.containsKey("name")) {
          FORGERIES.add(o);
        } else {
          PROBLEMS.put((String) o.get("problem"), o);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One dynamic test per forgery whose problem is one of {@code problems} (all when empty) and
   * whose name contains {@code -Dforgery.only}.
   */
  Stream<DynamicTest> tests(Set<String> problems) {
    String only = System.getProperty("forgery.only", "");
    return FORGERIES.stream()
        .filter(f -> ((String) f.get("name")).contains(only))
        .filter(f -> problems.isEmpty() || problems.contains((String) f.get("problem")))
        .map(f -> DynamicTest.dynamicTest((String) f.get("name"), () -> check(f)));
  }

  String report() {
    return String.format("%d of %d forgeries succeeded", succeeded.get(), run.get());
  }

  private void check(Map<String, Object> forgery) {
    Map<String, Object> problem = PROBLEMS.get((String) forgery.get("problem"));
    double[] baseline =
        baselines.computeIfAbsent((String) problem.get("problem"), p -> baseline(problem));
    ScoreResult forged = score(problem, (String) forgery.get("forged"));
    run.incrementAndGet();
    if (baseline == UNGRADED) {
      // This host cannot verify the problem's tests (e.g. in-process JavaScript without Node 20+'s
      // permission model): no program, forged or honest, gets a reward for them.
      if (forged.status() != ScoreStatus.INVALID_REFERENCE) {
        succeeded.incrementAndGet();
      }
      assertThat(forged.status())
          .as("%s", forged.details())
          .isEqualTo(ScoreStatus.INVALID_REFERENCE);
      assertThat(forged.reward()).isNull();
      return;
    }
    if (forged.reward() == null || forged.reward() != baseline[1]) {
      succeeded.incrementAndGet();
    }
    assertThat(forged.status()).as("%s", forged.details()).isEqualTo(ScoreStatus.OK);
    assertThat(forged.reward())
        .as("forged reward (wrong: %s, correct: %s) %s", baseline[1], baseline[0], forged.details())
        .isEqualTo(baseline[1])
        .isLessThan(baseline[0]);
  }

  /** The baseline of a problem whose tests this host cannot grade. */
  private static final double[] UNGRADED = new double[0];

  private double[] baseline(Map<String, Object> problem) {
    ScoreResult correct = score(problem, (String) problem.get("correct"));
    ScoreResult wrong = score(problem, (String) problem.get("wrong"));
    if (correct.status() == ScoreStatus.INVALID_REFERENCE
        && "javascript".equals(problem.get("language"))) {
      assertThat(wrong.status()).isEqualTo(ScoreStatus.INVALID_REFERENCE);
      assertThat(String.valueOf(correct.details().get("reason"))).contains("Node 20+");
      return UNGRADED;
    }
    assertThat(correct.reward()).as("correct %s", correct.details()).isEqualTo(1.0);
    assertThat(wrong.reward()).as("wrong %s", wrong.details()).isEqualTo(0.0);
    return new double[] {correct.reward(), wrong.reward()};
  }

  @SuppressWarnings("unchecked")
  private ScoreResult score(Map<String, Object> problem, String code) {
    String language = (String) problem.get("language");
    Map<String, Object> reference =
        new LinkedHashMap<>((Map<String, Object>) problem.get("reference"));
    reference.put("language", language);
    return scorer.score(item(fenced(language, code), reference, Map.of()));
  }
}
