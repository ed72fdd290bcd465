package dev.arbiter.verifier.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.Scorer;
import dev.arbiter.verifier.rules.critique.CritiqueScorer;
import dev.arbiter.verifier.rules.shaping.FormatScorer;
import dev.arbiter.verifier.rules.shaping.LengthScorer;
import dev.arbiter.verifier.rules.shaping.ReasoningStepsScorer;
import dev.arbiter.verifier.rules.shaping.RepetitionScorer;
import dev.arbiter.verifier.rules.tool.ToolCallScorer;
import dev.arbiter.verifier.rules.truth.TruthfulnessScorer;
import dev.arbiter.verifier.rules.web.WebActionScorer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schemas {@code GET /v1/scorers} publishes, generated from the option and reference records,
 * describe every field with the types, enums, ranges and defaults the scorers apply.
 */
class RulesSchemasTest {

  @SuppressWarnings("unchecked")
  static Map<String, Object> prop(Map<String, Object> schema, String name) {
    Map<String, Object> props = (Map<String, Object>) schema.get("properties");
    assertThat(props).containsKey(name);
    return (Map<String, Object>) props.get(name);
  }

  static void range(Map<String, Object> p, String type, double min, double max, Object dflt) {
    assertThat(p).containsEntry("type", type).containsKey("description");
    assertThat(((Number) p.get("minimum")).doubleValue()).isEqualTo(min);
    assertThat(((Number) p.get("maximum")).doubleValue()).isEqualTo(max);
    if (dflt != null) {
      assertThat(((Number) p.get("default")).doubleValue())
          .isEqualTo(((Number) dflt).doubleValue());
    }
  }

  @Test
  void truthfulness() {
    Scorer s = new TruthfulnessScorer(1 << 20, null);
    Map<String, Object> o = s.descriptor().optionsSchema();
    assertThat(o).containsEntry("additionalProperties", false);
    assertThat(prop(o, "variant"))
        .containsEntry("enum", List.of("ternary", "binary", "knowledge_enhanced"))
        .containsEntry("default", "ternary");
    assertThat(prop(o, "require_boxed")).containsEntry("default", true);
    assertThat(prop(o, "match")).containsEntry("enum", List.of("exact", "contains"));
    assertThat(prop(o, "judge")).containsEntry("default", false);

    Map<String, Object> r = s.descriptor().referenceSchema();
    assertThat(r).containsEntry("required", List.of("answer"));
    Map<String, Object> stringOrList =
        Map.of(
            "oneOf",
            List.of(
                Map.of("type", "string"),
                Map.of("type", "array", "items", Map.of("type", "string"))));
    assertThat(prop(r, "answer")).containsAllEntriesOf(stringOrList).containsKey("description");
    assertThat(prop(r, "aliases")).containsAllEntriesOf(stringOrList);
    assertThat(prop(r, "out_of_knowledge"))
        .containsEntry("type", "boolean")
        .containsEntry("default", false);
  }

  @Test
  void toolCall() {
    Scorer s = new ToolCallScorer(1 << 20);
    Map<String, Object> o = s.descriptor().optionsSchema();
    assertThat(prop(o, "granularity"))
        .containsEntry("enum", List.of("fine", "intermediate", "coarse"))
        .containsEntry("default", "fine");
    range(prop(o, "max_reward"), "number", -100, 100, 3);
    range(prop(o, "min_reward"), "number", -100, 100, -3);
    assertThat(prop(o, "untagged")).containsEntry("default", false);

    Map<String, Object> r = s.descriptor().referenceSchema();
    assertThat(prop(r, "answer")).containsEntry("type", "string");
    assertThat(prop(r, "tool_calls")).containsEntry("type", "array");
    assertThat(prop(r, "response")).containsEntry("type", "string");
  }

  @Test
  void shapingAndOthers() {
    Map<String, Object> length = new LengthScorer().descriptor().optionsSchema();
    assertThat(prop(length, "mode"))
        .containsEntry("enum", List.of("cosine", "overlong"))
        .containsEntry("default", "cosine");
    assertThat(prop(length, "correct"))
        .containsEntry("type", "boolean")
        .doesNotContainKey("default");
    range(prop(length, "tokens"), "integer", 0, Integer.MAX_VALUE, null);
    range(prop(length, "max_len"), "integer", 1, Integer.MAX_VALUE, 1000);
    range(prop(length, "soft_punish_cache"), "integer", 0, Integer.MAX_VALUE, 4096);
    range(prop(length, "min_value_wrong"), "number", -1e6, 1e6, -1.0);

    Map<String, Object> repetition = new RepetitionScorer(1000).descriptor().optionsSchema();
    range(prop(repetition, "ngram_size"), "integer", 1, 64, 3);
    range(prop(repetition, "max_penalty"), "number", -1e6, 0, -1.0);
    range(
        prop(new ReasoningStepsScorer(1000).descriptor().optionsSchema(), "target"),
        "integer",
        1,
        1000,
        3);
    assertThat(prop(new FormatScorer(1000).descriptor().optionsSchema(), "tag_count"))
        .containsEntry("default", true);
    Map<String, Object> web = new WebActionScorer(1000).descriptor().optionsSchema();
    range(prop(web, "rouge_threshold"), "number", 0, 1, 0.75);
    range(prop(web, "dars"), "number", 0, 1e6, 1.0);

    Map<String, Object> critique = new CritiqueScorer(1000).descriptor().referenceSchema();
    assertThat(critique).containsEntry("required", List.of("label"));
    assertThat(prop(critique, "label")).doesNotContainKey("type").containsKey("description");
    assertThat(new CritiqueScorer(1000).descriptor().optionsSchema())
        .containsEntry("additionalProperties", false);
  }
}
