package dev.arbiter.verifier.vision.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParseTest {

  @Test
  void formatRule_thinkAnswer() {
    assertThat(FormatRule.THINK_ANSWER.test("<think>a</think><answer>b</answer>")).isTrue();
    assertThat(FormatRule.THINK_ANSWER.test("  <think>a</think>\n\n<answer>b</answer>\n")).isTrue();
    assertThat(FormatRule.THINK_ANSWER.test("<think></think><answer></answer>")).isTrue();
    assertThat(FormatRule.THINK_ANSWER.test("<think>a</think> x <answer>b</answer>")).isFalse();
    assertThat(FormatRule.THINK_ANSWER.test("<answer>b</answer>")).isFalse();
    assertThat(FormatRule.THINK_ANSWER.test("<think>a</think><answer>b</answer> trailing"))
        .isFalse();
    assertThat(FormatRule.THINK_ANSWER.test("<think>a</think><answer>")).isFalse();
    // a later </think> may close the thought (the paper's lazy .*? backtracks)
    assertThat(FormatRule.THINK_ANSWER.test("<think>a</think>b</think><answer>c</answer>"))
        .isTrue();
  }

  @Test
  void formatRule_answerOnly() {
    assertThat(FormatRule.ANSWER.test("<answer>cat</answer>")).isTrue();
    assertThat(FormatRule.ANSWER.test("<think>x</think><answer>cat</answer>")).isFalse();
    assertThat(FormatRule.NONE.scored()).isFalse();
  }

  @Test
  void answerRegion_firstAnswerOrWholeText() {
    assertThat(AnswerRegion.of("<think>t</think><answer> [1] </answer><answer>2</answer>"))
        .isEqualTo("[1]");
    assertThat(AnswerRegion.of("  raw text ")).isEqualTo("raw text");
    assertThat(AnswerRegion.of("<answer>unclosed")).isEqualTo("unclosed");
  }

  @Test
  void boxReader_readsShapesAndReportsThroughFactory() {
    BoxReader reader = new BoxReader(BoxFormat.XYXY, IllegalStateException::new);
    assertThat(reader.list(List.of(1, 2, 3, 4), 10, "a")).hasSize(1);
    assertThat(reader.list(Map.of("Position", List.of(1, 2, 3, 4), "Confidence", 0.5), 10, "a"))
        .singleElement()
        .extracting(LabeledBox::confidence)
        .isEqualTo(0.5);
    assertThatThrownBy(() -> reader.list("text", 10, "a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a must be a list of boxes");
    assertThatThrownBy(() -> reader.list(List.of(List.of(1, 2, 3, 4), List.of(1, 2, 3, 4)), 1, "a"))
        .hasMessage("a lists 2 boxes; the limit is 1");
  }
}
