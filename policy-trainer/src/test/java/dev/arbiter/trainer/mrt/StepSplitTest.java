package dev.arbiter.trainer.mrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StepSplitTest {

  @Test
  void newline_stepsEndAfterEachLineBreak() {
    assertThat(StepSplit.NEWLINE.steps("a=1\nb=2\n42")).containsExactly("a=1\n", "b=2\n", "42");
    assertThat(StepSplit.NEWLINE.prefixes("a=1\n42")).containsExactly("", "a=1\n", "a=1\n42");
  }

  @Test
  void newline_aResponseWithoutBreaksIsOneStep() {
    assertThat(StepSplit.NEWLINE.steps("82")).containsExactly("82");
  }

  @Test
  void char_everyCharacterIsAStep() {
    assertThat(StepSplit.CHAR.prefixes("82")).containsExactly("", "8", "82");
  }

  @Test
  void emptyResponse_hasOnlyTheEmptyPrefix() {
    assertThat(StepSplit.CHAR.steps("")).isEmpty();
    assertThat(StepSplit.NEWLINE.prefixes("")).containsExactly("");
  }

  @Test
  void longResponse_joinsTheTailIntoTheLastStep() {
    String text = "abcdefghijklmnopqrstuvwxyz";
    assertThat(StepSplit.CHAR.steps(text)).hasSize(StepSplit.MAX_STEPS).endsWith("pqrstuvwxyz");
    assertThat(String.join("", StepSplit.CHAR.steps(text))).isEqualTo(text);
  }

  @Test
  void of_readsTheOptionOrNamesTheBadOne() {
    assertThat(StepSplit.of("char")).isEqualTo(StepSplit.CHAR);
    assertThatThrownBy(() -> StepSplit.of("para")).isInstanceOf(IllegalArgumentException.class);
  }
}
