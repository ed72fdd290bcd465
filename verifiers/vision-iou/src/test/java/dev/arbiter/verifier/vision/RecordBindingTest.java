package dev.arbiter.verifier.vision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.fields.ItemFieldsEquivalence;
import dev.arbiter.verifier.vision.detection.DetectionOptions;
import dev.arbiter.verifier.vision.detection.DetectionReference;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vision scorers' option and reference records bind through {@code ItemFields}' direct path
 * exactly as through Jackson alone ({@link ItemFieldsEquivalence}). Package-private records are
 * named by class; a renamed one fails here rather than dropping out of the check.
 */
class RecordBindingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev.arbiter.verifier.vision.classification.ClassificationFields$Options",
        "dev.arbiter.verifier.vision.classification.ClassificationFields$Reference"
      })
  void simpleRecord_bindsAsJacksonDoes(String name) throws ClassNotFoundException {
    Class<? extends Record> type = Class.forName(name).asSubclass(Record.class);
    assertThat(ItemFieldsEquivalence.isSimple(type)).as(name).isTrue();
    ItemFieldsEquivalence.assertSameAsJackson(type);
  }

  /** A custom image-size type, raw boxes, aliases: these stay on Jackson's path. */
  @Test
  void detectionRecords_stayOnJackson() {
    for (Class<?> type : List.of(DetectionOptions.class, DetectionReference.class)) {
      assertThat(ItemFieldsEquivalence.isSimple(type)).as(type.getName()).isFalse();
    }
  }
}
