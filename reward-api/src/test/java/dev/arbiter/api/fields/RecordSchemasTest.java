package dev.arbiter.api.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.arbiter.api.fields.ItemFieldsTest.Opts;
import dev.arbiter.api.fields.ItemFieldsTest.Ref;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordSchemasTest {

  record Box(@JsonProperty("bbox_2d") @Size(min = 4, max = 4) List<Double> bbox2d, String label) {}

  record Boxes(@Required @SchemaAs(Box[].class) Object boxes) {}

  @Test
  void options_describeEveryFieldWithTypeRangeEnumAndDefault() {
    Map<String, Object> schema = RecordSchemas.options(Opts.class);

    assertThat(schema)
        .containsEntry("type", "object")
        .containsEntry("description", "test options")
        .containsEntry("additionalProperties", false);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> props =
        (Map<String, Map<String, Object>>) schema.get("properties");
    assertThat(props.keySet())
        .containsExactly(
            "iou_threshold", "matching", "label_aware", "max_steps", "iou_type", "image_size");
    assertThat(props.get("iou_threshold"))
        .containsEntry("type", "number")
        .containsEntry("description", "a threshold")
        .containsEntry("default", 0.5);
    assertThat(number(props.get("iou_threshold"), "minimum")).isEqualTo(0.0);
    assertThat(number(props.get("iou_threshold"), "maximum")).isEqualTo(1.0);
    assertThat(props.get("matching"))
        .containsEntry("type", "string")
        .containsEntry("enum", List.of("greedy", "hungarian"))
        .containsEntry("default", "greedy");
    assertThat(props.get("label_aware"))
        .containsEntry("type", "boolean")
        .containsEntry("default", false);
    assertThat(props.get("max_steps")).containsEntry("type", "integer").containsEntry("default", 8);
    assertThat(number(props.get("max_steps"), "minimum")).isEqualTo(1.0);
    assertThat(number(props.get("max_steps"), "maximum")).isEqualTo(64.0);
    assertThat(props.get("iou_type")).containsEntry("type", "string").doesNotContainKey("default");
    assertThat(props.get("image_size"))
        .containsEntry("type", "array")
        .containsEntry("items", Map.of("type", "number"))
        .containsEntry("minItems", 2)
        .containsEntry("maxItems", 2);
  }

  static double number(Map<String, Object> schema, String key) {
    return ((Number) schema.get(key)).doubleValue();
  }

  @Test
  void reference_requiredAndOpenToExtraKeys() {
    Map<String, Object> schema = RecordSchemas.reference(Ref.class);

    assertThat(schema).containsEntry("required", List.of("label"));
    assertThat(schema).doesNotContainKey("additionalProperties");
  }

  @Test
  void schemaAs_describesARawFieldByItsCanonicalShape() {
    Map<String, Object> schema = RecordSchemas.reference(Boxes.class);

    @SuppressWarnings("unchecked")
    Map<String, Object> boxes =
        (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("boxes");
    assertThat(boxes).containsEntry("type", "array");
    @SuppressWarnings("unchecked")
    Map<String, Object> box = (Map<String, Object>) boxes.get("items");
    assertThat(box).containsEntry("type", "object");
    assertThat(List.copyOf(((Map<?, ?>) box.get("properties")).keySet()))
        .isEqualTo(List.of("bbox_2d", "label"));
    assertThat(schema).containsEntry("required", List.of("boxes"));
  }
}
