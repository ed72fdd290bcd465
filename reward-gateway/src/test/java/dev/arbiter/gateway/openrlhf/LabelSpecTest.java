package dev.arbiter.gateway.openrlhf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSpecTest {

  @Test
  void of_plainLabelsFillTheReferenceField() {
    assertThat(LabelSpec.of("4", "math", "answer"))
        .isEqualTo(new LabelSpec("math", Map.of("answer", "4"), Map.of()));
    assertThat(LabelSpec.of(8, "math", "answer").reference()).isEqualTo(Map.of("answer", "8"));
    assertThat(LabelSpec.of(0.75, "math", "answer").reference())
        .isEqualTo(Map.of("answer", "0.75"));
  }

  @Test
  void of_listLabelStaysJson_neverToString() {
    assertThat(LabelSpec.of(List.of(8, "eight"), "math", "answer").reference())
        .isEqualTo(Map.of("answer", List.of(8, "eight")));
  }

  @Test
  void of_rewardSpecNamesScorerReferenceAndOptions() {
    LabelSpec spec =
        LabelSpec.of(
            "{\"scorer\":\"code\",\"reference\":{\"inputs\":[\"1\"],\"outputs\":[\"2\"]},"
                + "\"options\":{\"language\":\"python\"}}",
            "math",
            "answer");
    assertThat(spec.scorer()).isEqualTo("code");
    assertThat(spec.reference()).containsEntry("inputs", List.of("1"));
    assertThat(spec.options()).isEqualTo(Map.of("language", "python"));
  }

  @Test
  void of_otherJsonObjectIsTheReference() {
    assertThat(LabelSpec.of(Map.of("box", List.of(1, 2, 3, 4)), "grounding", "answer"))
        .isEqualTo(new LabelSpec("grounding", Map.of("box", List.of(1, 2, 3, 4)), Map.of()));
    assertThat(LabelSpec.of("{not json", "math", "answer").reference())
        .isEqualTo(Map.of("answer", "{not json"));
    assertThat(LabelSpec.of(null, "math", "answer").reference()).isEmpty();
  }
}
