package dev.arbiter.verifier.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link TagPattern} against {@code java.util.regex} compiled with Python's semantics ({@code
 * UNIX_LINES}: only {@code \n} ends a line; {@code \A} for {@code ^}) on random texts built from
 * the tags' own fragments, where the two can disagree if either is wrong.
 */
class TagPatternTest {

  private static final String[] PIECES = {
    "<think>",
    "</think>",
    "<answer>",
    "</answer>",
    "\n",
    "x",
    " ",
    "<tool_call>",
    "</tool_call>",
    "<response>",
    "</response>"
  };

  @Test
  void matches_agreesWithRegexOnRandomTexts() {
    TagPattern openR1 =
        TagPattern.of(TagPattern.End.LINE, "<think>\n", "\n</think>\n<answer>\n", "\n</answer>");
    Pattern openR1Regex =
        Pattern.compile(
            "\\A<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\n</answer>$",
            Pattern.DOTALL | Pattern.MULTILINE | Pattern.UNIX_LINES);
    TagPattern toolRl =
        TagPattern.of(TagPattern.End.TEXT, "<think>", "</think>\n<tool_call>\n", "\n</tool_call>");
    Pattern toolRlRegex =
        Pattern.compile(
            "\\A<think>.*?</think>\\n<tool_call>\\n.*?\\n</tool_call>$",
            Pattern.DOTALL | Pattern.UNIX_LINES);
    Random random = new Random(42);
    int matched = 0;
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(random, i % 2 == 0 ? "<think>\n" : "<think>");
      boolean expectedOpenR1 = openR1Regex.matcher(text).find();
      boolean expectedToolRl = toolRlRegex.matcher(text).find();
      assertThat(openR1.matches(text)).as("open-r1 on %s", text).isEqualTo(expectedOpenR1);
      assertThat(toolRl.matches(text)).as("ToolRL on %s", text).isEqualTo(expectedToolRl);
      matched += (expectedOpenR1 ? 1 : 0) + (expectedToolRl ? 1 : 0);
    }
    assertThat(matched).as("the random texts exercise matches too").isGreaterThan(200);
  }

  private static String randomText(Random random, String start) {
    StringBuilder sb = new StringBuilder(start);
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
      if (random.nextInt(4) == 0) {
        sb.append(
            switch (random.nextInt(3)) {
              case 0 -> "\n</think>\n<answer>\n";
              case 1 -> "\n</answer>";
              default -> "</think>\n<tool_call>\n";
            });
      }
    }
    if (random.nextBoolean()) {
      sb.append(random.nextBoolean() ? "\n</answer>" : "\n</tool_call>");
    }
    if (random.nextInt(3) == 0) {
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void count_isNonOverlapping() {
    assertThat(TagPattern.count("aaaa", "aa")).isEqualTo(2);
    assertThat(TagPattern.count("<think>\n<think>\n", "<think>\n")).isEqualTo(2);
    assertThat(TagPattern.count("", "x")).isZero();
  }
}
