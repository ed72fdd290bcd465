package dev.arbiter.model.meta.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoredSampleTest {

  @Test
  void new_hugeResponseIsCutButItsLengthKept() {
    String huge = "x".repeat(1_000_000);

    ScoredSample s = new ScoredSample("a", "t", 1, huge, huge, 3, 4, List.of(3));

    assertThat(s.response()).hasSize(ScoredSample.MAX_RESPONSE_CHARS);
    assertThat(s.prompt()).hasSize(ScoredSample.MAX_PROMPT_CHARS);
    assertThat(s.responseLength()).isEqualTo(1_000_000);
    assertThat(s.normalized()).isEqualTo(0.75);
  }
}
