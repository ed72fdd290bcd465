package dev.arbiter.verifier.rules.bench;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.verifier.rules.RulesProperties;
import dev.arbiter.verifier.rules.critique.CritiqueScorer;
import dev.arbiter.verifier.rules.shaping.FormatScorer;
import dev.arbiter.verifier.rules.shaping.LengthScorer;
import dev.arbiter.verifier.rules.shaping.ReasoningStepsScorer;
import dev.arbiter.verifier.rules.shaping.RepetitionScorer;
import dev.arbiter.verifier.rules.tool.ToolCallScorer;
import dev.arbiter.verifier.rules.truth.TruthfulnessScorer;
import dev.arbiter.verifier.rules.web.WebActionScorer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole {@link Scorer#score} calls of each rules scorer on a typical item (a ~600-character
 * reasoning response, a two-call ToolRL turn, a Shop-R1 action, a short critique), single thread.
 * {@code formatRegexBaseline} is the same open-r1 format check done the obvious way — {@code
 * java.util.regex} with open-r1's pattern — measured in the same run as the baseline of {@code
 * format}.
 *
 * <p>Run: {@code scripts/bench verifiers/rules RulesBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s}; the
 * per-CPU-second figures come from {@link RulesCpuHarness}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RulesBenchmark {

  static final String REASONING =
      "<think>\nFirst, the train covers 120 km in 2 hours, so its speed is 60 km/h.\n"
          + "Step 1: convert 45 minutes to 0.75 hours.\nStep 2: multiply 60 by 0.75 to get 45.\n"
          + "Next, check the units: km/h times hours gives km, as expected.\n"
          + "- The distance is 45 km.\n- It is less than the full trip, which makes sense.\n"
          + "Finally, the answer is 45 km, well within the 120 km route.\n</think>\n"
          + "<answer>\nThe train travels \\boxed{45} km in 45 minutes.\n</answer>";
  static final String CALL_1 =
      "{\"name\": \"search_flights\", \"parameters\": {\"from\": \"SFO\", \"to\": \"JFK\","
          + " \"date\": \"2025-05-01\", \"passengers\": 2}}";
  static final String CALL_2 =
      "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"New York\", \"unit\": \"celsius\"}}";
  static final String TOOL_RESPONSE =
      "<think>The user wants flights and the weather at the destination.</think>\n<tool_call>\n"
          + CALL_1
          + "\n"
          + CALL_2.replace("celsius", "fahrenheit")
          + "\n</tool_call>";
  static final String TOOL_GOLD = "<tool_call>\n" + CALL_1 + "\n" + CALL_2 + "\n</tool_call>";
  static final String WEB_RESPONSE =
      "{\"rationale\": \"The user searched for headphones and wants noise cancelling ones.\","
          + " \"action\": {\"type\": \"type_and_submit\", \"name\": \"search box\","
          + " \"text\": \"wireless noise cancelling headphones over ear\"}}";
  static final String CRITIQUE =
      "The solution sorts the array and then scans adjacent pairs, which is correct for finding"
          + " the minimum gap. However, it initializes the answer to 0 instead of infinity, so it"
          + " always returns 0 for arrays of distinct values.\n\\conclusion{F}";
  static final Pattern OPEN_R1_FORMAT =
      Pattern.compile(
          "^<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\n</answer>$",
          Pattern.DOTALL | Pattern.MULTILINE);

  private Map<String, Scorer> scorers;
  ScoreItem truthfulness;
  ScoreItem toolCall;
  ScoreItem webAction;
  ScoreItem critique;
  ScoreItem format;
  ScoreItem length;
  ScoreItem repetition;
  ScoreItem reasoningSteps;

  @Setup
  public void setUp() {
    int max = new RulesProperties(null, null).maxResponseChars();
    scorers =
        Map.of(
            "truthfulness", new TruthfulnessScorer(max, null),
            "tool-call", new ToolCallScorer(max),
            "web-action", new WebActionScorer(max),
            "critique", new CritiqueScorer(max),
            "format", new FormatScorer(max),
            "length", new LengthScorer(),
            "repetition", new RepetitionScorer(max),
            "reasoning-steps", new ReasoningStepsScorer(max));
    truthfulness =
        item(
            "truthfulness",
            "<think>The Eiffel Tower was completed for the 1889 World's Fair.</think> The answer is"
                + " \\boxed{1889}.",
            Map.of("answer", List.of("1889", "in 1889")),
            Map.of());
    toolCall = item("tool-call", TOOL_RESPONSE, Map.of("answer", TOOL_GOLD), Map.of());
    webAction =
        item(
            "web-action",
            WEB_RESPONSE,
            Map.of(
                "type",
                "type_and_submit",
                "name",
                "search box",
                "text",
                "wireless noise cancelling headphones"),
            Map.of());
    critique = item("critique", CRITIQUE, Map.of("label", false), Map.of());
    format = item("format", REASONING, Map.of(), Map.of());
    length = item("length", REASONING, Map.of(), Map.of("correct", true));
    repetition = item("repetition", REASONING, Map.of(), Map.of());
    reasoningSteps = item("reasoning-steps", REASONING, Map.of(), Map.of());
  }

  private static ScoreItem item(
      String scorer, String response, Map<String, Object> reference, Map<String, Object> options) {
    return new ScoreItem("b", scorer, null, response, reference, options, null);
  }

  ScoreResult run(ScoreItem item) {
    return scorers.get(item.scorer()).score(item);
  }

  @Benchmark
  public ScoreResult truthfulness() {
    return run(truthfulness);
  }

  @Benchmark
  public ScoreResult toolCall() {
    return run(toolCall);
  }

  @Benchmark
  public ScoreResult webAction() {
    return run(webAction);
  }

  @Benchmark
  public ScoreResult critique() {
    return run(critique);
  }

  @Benchmark
  public ScoreResult format() {
    return run(format);
  }

  @Benchmark
  public ScoreResult length() {
    return run(length);
  }

  @Benchmark
  public ScoreResult repetition() {
    return run(repetition);
  }

  @Benchmark
  public ScoreResult reasoningSteps() {
    return run(reasoningSteps);
  }

  @Benchmark
  public boolean formatRegexBaseline() {
    return OPEN_R1_FORMAT.matcher(REASONING).lookingAt();
  }
}
