package dev.arbiter.model.meta.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.model.meta.Rubrics;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class RubricPromptTest {

  static final RubricVersion RUBRIC =
      Rubrics.essay(
          "write an essay",
          new RubricItem("Has a thesis", 3, List.of("Cities should ban cars")),
          new RubricItem("Uses evidence", 4, List.of()));

  @Test
  void request_rendersTaskRubricPromptAndResponse() {
    String user = RubricPrompt.request(RUBRIC, "Why?", "Because.").messages().get(1).content();

    assertThat(user)
        .contains("# Task\nwrite an essay")
        .contains("1. (3 points) Has a thesis")
        .contains("   Example: Cities should ban cars")
        .contains("2. (4 points) Uses evidence")
        .contains("# Prompt\nWhy?")
        .contains("# Response\nBecause.")
        .contains("exactly 2 entries");
  }

  @Test
  void parse_fencedJsonInRubricOrder() {
    String text =
        "Sure!\n```json\n{\"items\": [{\"item\": 2, \"rationale\": \"cites data\", \"score\": 4},"
            + " {\"item\": 1, \"rationale\": \"clear\", \"score\": 2.0}]}\n```";

    assertThat(RubricPrompt.parse(text, RUBRIC))
        .containsExactly(new ItemScore(2, "clear"), new ItemScore(4, "cites data"));
  }

  @Test
  void parse_rejectsWhatIsNotAVerdict() {
    assertThatThrownBy(() -> RubricPrompt.parse("7/10, nice", RUBRIC))
        .isInstanceOf(MalformedVerdictException.class)
        .hasMessageContaining("no JSON object");
    assertThatThrownBy(() -> RubricPrompt.parse("{\"items\": [{\"score\": 1}]}", RUBRIC))
        .hasMessageContaining("scores 1 items; the rubric has 2");
    assertThatThrownBy(
            () -> RubricPrompt.parse("{\"items\": [{\"score\": 1}, {\"score\": 5}]}", RUBRIC))
        .hasMessageContaining("outside 0..4");
    assertThatThrownBy(
            () -> RubricPrompt.parse("{\"items\": [{\"score\": 1.5}, {\"score\": 2}]}", RUBRIC))
        .hasMessageContaining("should be an integer");
    assertThatThrownBy(
            () ->
                RubricPrompt.parse(
                    "{\"items\": [{\"item\": 1, \"score\": 1}, {\"item\": 1, \"score\": 2}]}",
                    RUBRIC))
        .hasMessageContaining("twice");
  }
}
