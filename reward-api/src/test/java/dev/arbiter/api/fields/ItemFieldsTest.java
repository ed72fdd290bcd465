package dev.arbiter.api.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemFieldsTest {

  enum Matching {
    GREEDY,
    HUNGARIAN
  }

  @JsonClassDescription("test options")
  record Opts(
      @JsonPropertyDescription("a threshold") @Range(min = 0, max = 1) Double iouThreshold,
      Matching matching,
      Boolean labelAware,
      @Range(min = 1, max = 64) Integer maxSteps,
      @JsonProperty("iou_type") String overlap,
      @JsonPropertyDescription("[w, h]") @Size(min = 2, max = 2) List<Double> imageSize) {
    Opts {
      iouThreshold = iouThreshold == null ? 0.5 : iouThreshold;
      matching = matching == null ? Matching.GREEDY : matching;
      labelAware = labelAware != null && labelAware;
      maxSteps = maxSteps == null ? 8 : maxSteps;
    }
  }

  record Ref(@Required String label, List<String> aliases, Double weight) {
    Ref {
      if (weight != null && weight < 0) {
        throw new IllegalArgumentException("weight must not be negative");
      }
    }
  }

  @Test
  void options_emptyMapGivesTheDefaults() {
    Opts o = ItemFields.options(Map.of(), Opts.class);

    assertThat(o).isEqualTo(new Opts(0.5, Matching.GREEDY, false, 8, null, null));
    assertThat(ItemFields.defaults(Opts.class)).isEqualTo(o);
  }

  @Test
  void options_bindsSnakeCaseNamesAndEnumsInAnyCase() {
    Opts o =
        ItemFields.options(
            Map.of(
                "iou_threshold",
                1,
                "matching",
                "Hungarian",
                "label_aware",
                true,
                "max_steps",
                3,
                "iou_type",
                "giou",
                "image_size",
                List.of(640, 480)),
            Opts.class);

    assertThat(o)
        .isEqualTo(new Opts(1.0, Matching.HUNGARIAN, true, 3, "giou", List.of(640.0, 480.0)));
  }

  @Test
  void options_unknownKeyIsInvalidRequestListingTheKnownOnes() {
    assertThatThrownBy(() -> ItemFields.options(Map.of("iou_treshold", 0.3), Opts.class))
        .isInstanceOf(InvalidItemException.class)
        .hasMessage(
            "unknown option 'iou_treshold'; known options are [image_size, iou_threshold,"
                + " iou_type, label_aware, matching, max_steps]")
        .extracting(e -> ((InvalidItemException) e).status())
        .isEqualTo(ScoreStatus.INVALID_REQUEST);
  }

  @Test
  void options_outOfRangeNamesFieldRangeAndValue() {
    assertThatThrownBy(() -> ItemFields.options(Map.of("iou_threshold", 1.5), Opts.class))
        .hasMessage("options.iou_threshold must be a number in [0.0, 1.0], got 1.5");
    assertThatThrownBy(() -> ItemFields.options(Map.of("max_steps", 0), Opts.class))
        .hasMessage("options.max_steps must be an integer in [1, 64], got 0");
  }

  @Test
  void options_noCoercionBetweenJsonTypes() {
    assertThatThrownBy(() -> ItemFields.options(Map.of("iou_threshold", "0.5"), Opts.class))
        .hasMessage("options.iou_threshold must be a number, got 0.5");
    assertThatThrownBy(() -> ItemFields.options(Map.of("label_aware", 1), Opts.class))
        .hasMessage("options.label_aware must be true or false, got 1");
    assertThatThrownBy(() -> ItemFields.options(Map.of("label_aware", "true"), Opts.class))
        .hasMessage("options.label_aware must be true or false, got true");
    assertThatThrownBy(() -> ItemFields.options(Map.of("max_steps", 2.5), Opts.class))
        .hasMessage("options.max_steps must be an integer, got 2.5");
    assertThatThrownBy(() -> ItemFields.options(Map.of("iou_type", 3), Opts.class))
        .hasMessage("options.iou_type must be a string, got 3");
  }

  @Test
  void options_enumByNameOnly() {
    assertThatThrownBy(() -> ItemFields.options(Map.of("matching", "best"), Opts.class))
        .hasMessage("options.matching must be one of greedy, hungarian, got best");
    assertThatThrownBy(() -> ItemFields.options(Map.of("matching", 1), Opts.class))
        .hasMessageStartingWith("options.matching must be one of greedy, hungarian");
  }

  @Test
  void options_listSizeAndElementTypes() {
    assertThatThrownBy(() -> ItemFields.options(Map.of("image_size", List.of(1)), Opts.class))
        .hasMessage("options.image_size must list 2 elements, got 1");
    assertThatThrownBy(() -> ItemFields.options(Map.of("image_size", List.of(1, "x")), Opts.class))
        .hasMessage("options.image_size[1] must be a number, got x");
    assertThatThrownBy(() -> ItemFields.options(Map.of("image_size", 3), Opts.class))
        .hasMessageStartingWith("options.image_size must be a list");
  }

  @Test
  void options_hostileValuesAreCutInTheReason() {
    String huge = "x".repeat(1_000_000);
    assertThatThrownBy(() -> ItemFields.options(Map.of("iou_threshold", huge), Opts.class))
        .hasMessageStartingWith("options.iou_threshold must be a number, got xxx")
        .hasMessageEndingWith("...")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    assertThatThrownBy(() -> ItemFields.options(Map.of(huge, 1), Opts.class))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void reference_missingRequiredAndExtraKeysIgnored() {
    assertThat(ItemFields.reference(Map.of("label", "cat", "source", "coco"), Ref.class))
        .isEqualTo(new Ref("cat", null, null));
    InvalidItemException missing =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidItemException.class, () -> ItemFields.reference(Map.of(), Ref.class));
    assertThat(missing).hasMessage("reference.label is missing");
    assertThat(missing.toResult("r1"))
        .isEqualTo(ScoreResult.invalidReference("r1", "reference.label is missing"));
  }

  @Test
  void reference_elementTypesAndTheRecordsOwnChecksNameTheField() {
    assertThatThrownBy(
            () ->
                ItemFields.reference(
                    Map.of("label", "cat", "aliases", List.of("dog", 3)), Ref.class))
        .hasMessage("reference.aliases[1] must be a string, got 3")
        .extracting(e -> ((InvalidItemException) e).status())
        .isEqualTo(ScoreStatus.INVALID_REFERENCE);
    assertThatThrownBy(() -> ItemFields.reference(Map.of("label", "cat", "weight", -1), Ref.class))
        .hasMessage("reference.weight must not be negative");
  }
}
