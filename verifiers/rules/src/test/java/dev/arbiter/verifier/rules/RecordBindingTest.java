package dev.arbiter.verifier.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.fields.ItemFieldsEquivalence;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule scorers' own option and reference records bind through {@code ItemFields}' direct path
 * exactly as through Jackson alone ({@link ItemFieldsEquivalence}): equal records, or equal
 * refusals, for generated maps. Records are named by class so that the scorers keep them private to
 * their packages; a renamed record fails here rather than dropping out of the check.
 */
class RecordBindingTest {

  private static final String P = "dev.arbiter.verifier.rules.";

  static Stream<String> simpleRecords() {
    return Stream.of(
        P + "shaping.LengthScorer$Options",
        P + "shaping.RepetitionScorer$Options",
        P + "shaping.FormatScorer$Options",
        P + "shaping.ReasoningStepsScorer$Options",
        P + "truth.TruthfulnessScorer$Options",
        P + "truth.TruthfulnessScorer$Reference",
        P + "tool.ToolCallScorer$Options",
        P + "web.WebActionScorer$Options",
        P + "critique.CritiqueScorer$Options");
  }

  @ParameterizedTest
  @MethodSource("simpleRecords")
  void simpleRecord_bindsAsJacksonDoes(String name) throws ClassNotFoundException {
    Class<? extends Record> type = Class.forName(name).asSubclass(Record.class);
    assertThat(ItemFieldsEquivalence.isSimple(type)).as(name).isTrue();
    ItemFieldsEquivalence.assertSameAsJackson(type);
  }

  /** Raw JSON values or aliases: these stay on Jackson's path (nothing to compare). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        P + "tool.ToolCallScorer$Reference",
        P + "web.WebActionScorer$Reference",
        P + "critique.CritiqueScorer$Reference"
      })
  void otherRecord_staysOnJackson(String name) throws ClassNotFoundException {
    assertThat(ItemFieldsEquivalence.isSimple(Class.forName(name))).as(name).isFalse();
  }
}
