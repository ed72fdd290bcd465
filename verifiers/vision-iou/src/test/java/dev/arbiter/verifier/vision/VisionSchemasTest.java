package dev.arbiter.verifier.vision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.Scorer;
import dev.arbiter.verifier.vision.classification.ClassificationScorer;
import dev.arbiter.verifier.vision.detection.DetectionScorer;
import dev.arbiter.verifier.vision.grounding.GroundingScorer;
import dev.arbiter.verifier.vision.gui.GuiActionScorer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schemas {@code GET /v1/scorers} publishes, generated from the option and reference records,
 * still describe every field with the types, enums, ranges and defaults the scorers apply.
 */
class VisionSchemasTest {

  static final List<String> COORDS = List.of("pixel", "normalized", "qwen1000");
  static final List<String> FORMAT = List.of("think_answer", "answer", "none");
  static final List<String> OVERLAP = List.of("iou", "giou", "diou");

  @SuppressWarnings("unchecked")
  static Map<String, Object> prop(Map<String, Object> schema, String name) {
    Map<String, Object> props = (Map<String, Object>) schema.get("properties");
    assertThat(props).containsKey(name);
    return (Map<String, Object>) props.get(name);
  }

  static void number(Map<String, Object> p, double min, double max, double fallback) {
    assertThat(p).containsEntry("type", "number").containsKey("description");
    assertThat(((Number) p.get("minimum")).doubleValue()).isEqualTo(min);
    assertThat(((Number) p.get("maximum")).doubleValue()).isEqualTo(max);
    assertThat(((Number) p.get("default")).doubleValue()).isEqualTo(fallback);
  }

  static void choice(Map<String, Object> p, List<String> values, String fallback) {
    assertThat(p)
        .containsEntry("type", "string")
        .containsEntry("enum", values)
        .containsEntry("default", fallback)
        .containsKey("description");
  }

  static void numbers(Map<String, Object> p, int count) {
    assertThat(p)
        .containsEntry("type", "array")
        .containsEntry("items", Map.of("type", "number"))
        .containsEntry("minItems", count)
        .containsEntry("maxItems", count);
  }

  @Test
  void detection() {
    Scorer s = new DetectionScorer(300, 65_536);
    Map<String, Object> o = s.descriptor().optionsSchema();
    assertThat(o).containsEntry("type", "object").containsEntry("additionalProperties", false);
    number(prop(o, "iou_threshold"), 0, 1, 0.5);
    choice(prop(o, "matching"), List.of("greedy", "hungarian"), "greedy");
    assertThat(prop(o, "label_aware"))
        .containsEntry("type", "boolean")
        .containsEntry("default", false);
    choice(prop(o, "iou_type"), OVERLAP, "iou");
    choice(prop(o, "coords"), COORDS, "pixel");
    choice(prop(o, "box_format"), List.of("xyxy", "xywh"), "xyxy");
    numbers(prop(o, "image_size"), 2);
    choice(prop(o, "reward"), List.of("visual_rft", "iou", "map"), "visual_rft");
    choice(prop(o, "format"), FORMAT, "think_answer");

    Map<String, Object> r = s.descriptor().referenceSchema();
    assertThat(r).containsEntry("type", "object").containsEntry("required", List.of("boxes"));
    Map<String, Object> boxes = prop(r, "boxes");
    assertThat(boxes).containsEntry("type", "array");
    @SuppressWarnings("unchecked")
    Map<String, Object> box = (Map<String, Object>) boxes.get("items");
    numbers(prop(box, "bbox_2d"), 4);
    assertThat(prop(box, "label")).containsEntry("type", "string");
    numbers(prop(r, "image_size"), 2);
    choice(prop(r, "coords"), COORDS, "pixel");
  }

  @Test
  void grounding() {
    Scorer s = new GroundingScorer(65_536);
    Map<String, Object> o = s.descriptor().optionsSchema();
    choice(prop(o, "reward"), List.of("iou", "threshold"), "iou");
    number(prop(o, "iou_threshold"), 0, 1, 0.5);
    choice(prop(o, "iou_type"), OVERLAP, "iou");
    choice(prop(o, "coords"), COORDS, "pixel");
    choice(prop(o, "box_format"), List.of("xyxy", "xywh"), "xyxy");
    numbers(prop(o, "image_size"), 2);
    choice(prop(o, "format"), FORMAT, "think_answer");

    Map<String, Object> r = s.descriptor().referenceSchema();
    assertThat(r).containsEntry("required", List.of("box"));
    numbers(prop(r, "box"), 4);
    choice(prop(r, "coords"), COORDS, "pixel");
  }

  @Test
  void classification() {
    Scorer s = new ClassificationScorer(65_536);
    Map<String, Object> o = s.descriptor().optionsSchema();
    choice(prop(o, "match"), List.of("exact", "iequals", "contains"), "contains");
    choice(prop(o, "format"), FORMAT, "think_answer");

    Map<String, Object> r = s.descriptor().referenceSchema();
    assertThat(r).containsEntry("required", List.of("label"));
    assertThat(prop(r, "label")).containsEntry("type", "string");
    assertThat(prop(r, "aliases"))
        .containsEntry("type", "array")
        .containsEntry("items", Map.of("type", "string"));
  }

  @Test
  void guiAction() {
    Scorer s = new GuiActionScorer(65_536);
    Map<String, Object> o = s.descriptor().optionsSchema();
    number(prop(o, "radius"), 0, 2, 0.14);
    number(prop(o, "bonus_scale"), 0, 1, 0.5);
    number(prop(o, "falloff"), 1e-9, 2, 0.5);
    choice(prop(o, "coords"), COORDS, "pixel");
    numbers(prop(o, "image_size"), 2);
    choice(prop(o, "format"), FORMAT, "think_answer");

    Map<String, Object> r = s.descriptor().referenceSchema();
    assertThat(r).containsEntry("required", List.of("action"));
    numbers(prop(r, "box"), 4);
    numbers(prop(r, "point"), 2);
    assertThat(prop(r, "text")).containsEntry("type", "string");
    assertThat(prop(r, "direction")).containsEntry("type", "string");
    numbers(prop(r, "image_size"), 2);
    choice(prop(r, "coords"), COORDS, "pixel");
  }
}
