package dev.arbiter.verifier.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Megabyte-long and adversarial responses — inputs that make a backtracking regex or a recursive
 * JSON parser blow up — are verdicts for every scorer. The time bound is generous (a shared, loaded
 * machine); the failure it guards against is exponential or unbounded work, which would not finish
 * at all.
 */
class HostileInputTest {

  private static final Map<String, Scorer> SCORERS = RulesConformanceTest.scorers();
  private static final int MB = 1 << 20;

  static List<String> responses() {
    String call = "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}";
    return List.of(
        "a".repeat(MB - 10),
        "<think>\n" + "\n</think>\n<answer>\n".repeat(MB / 20),
        "<think>" + "</think>\n<tool_call>\n".repeat(MB / 24) + "x",
        "<tool_call>\n" + "[".repeat(MB / 2) + "\n</tool_call>",
        "<tool_call>\n" + (call + "\n").repeat(3000) + "</tool_call>",
        "{\"rationale\": \"r\", \"action\": "
            + "{\"a\": ".repeat(100_000)
            + "1"
            + "}".repeat(100_001),
        "\\boxed{" + "{".repeat(MB / 2),
        "Step 1" + "1".repeat(MB / 2) + " Step Step Step",
        "go ".repeat(MB / 3),
        "\\conclusion{".repeat(MB / 16),
        "x".repeat(2 * MB));
  }

  static Map<String, Object> reference(String scorer) {
    return switch (scorer) {
      case "truthfulness" -> Map.of("answer", "Paris");
      case "tool-call" ->
          Map.of(
              "answer",
              "<tool_call>\n{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}\n"
                  + "</tool_call>");
      case "web-action" -> Map.of("type", "click", "name", "add to cart");
      case "critique" -> Map.of("label", true);
      default -> Map.of();
    };
  }

  static Map<String, Object> options(String scorer) {
    return scorer.equals("length") ? Map.of("correct", true) : Map.of();
  }

  @ParameterizedTest
  @MethodSource("responses")
  void hugeOrAdversarialResponse_isAVerdictForEveryScorer(String response) {
    for (Scorer scorer : SCORERS.values()) {
      ScoreItem item =
          new ScoreItem(
              "h", scorer.id(), null, response, reference(scorer.id()), options(scorer.id()), null);
      ScoreResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scorer.score(item));
      assertThat(r.status()).as(scorer.id()).isEqualTo(ScoreStatus.OK);
      assertThat(r.reward()).as(scorer.id()).isNotNull();
      assertThat(r.details()).as(scorer.id()).containsKey("reason");
    }
  }

  @Test
  void responseOverTheLimit_isAFloorVerdictWithTheReason() {
    String huge = "x".repeat(2 * MB);
    ScoreResult tool =
        SCORERS.get("tool-call").score(item("tool-call", huge, Map.of("min_reward", -1.0)));
    assertThat(tool.reward()).isEqualTo(-1.0);
    assertThat((String) tool.details().get("reason")).contains("over the limit");
    ScoreResult truth = SCORERS.get("truthfulness").score(item("truthfulness", huge, Map.of()));
    assertThat(truth.reward()).isEqualTo(-1.0);
    ScoreResult rep = SCORERS.get("repetition").score(item("repetition", huge, Map.of()));
    assertThat(rep.reward()).isEqualTo(-1.0);
  }

  @Test
  void deepJsonToolCall_isUnreadableNotAStackOverflow() {
    String deep =
        "<think>t</think>\n<tool_call>\n{\"name\": \"f\", \"parameters\": "
            + "{\"a\": ".repeat(50_000)
            + "1"
            + "}".repeat(50_001)
            + "\n</tool_call>";
    ScoreResult r = SCORERS.get("tool-call").score(item("tool-call", deep, Map.of()));
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.components().get("correctness")).isEqualTo(-3.0);
    assertThat((String) r.details().get("reason")).contains("unreadable tool calls");
  }

  private static ScoreItem item(String scorer, String response, Map<String, Object> options) {
    return new ScoreItem("h", scorer, null, response, reference(scorer), options, null);
  }
}
