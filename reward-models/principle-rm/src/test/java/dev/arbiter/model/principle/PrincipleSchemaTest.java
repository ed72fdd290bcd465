package dev.arbiter.model.principle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The options schema {@code GET /v1/scorers} publishes, generated from {@link PrincipleOptions},
 * names the fields, enums, bounds and defaults the catalog applies.
 */
class PrincipleSchemaTest {

  final PrincipleScorer scorer =
      new PrincipleScorer(
          new ScriptedBackend("fixed", 0.5, () -> {}),
          new PrincipleCatalog(Map.of(), PrincipleCatalog.BUILT_IN, ScoringMode.JOINT));

  @SuppressWarnings("unchecked")
  static Map<String, Object> prop(Map<String, Object> schema, String name) {
    Map<String, Object> props = (Map<String, Object>) schema.get("properties");
    assertThat(props).containsKey(name);
    return (Map<String, Object>) props.get(name);
  }

  static long whole(Object number) {
    assertThat(number).isInstanceOf(Number.class);
    return ((Number) number).longValue();
  }

  @Test
  void descriptor_optionsSchemaFromTheRecord() {
    Map<String, Object> o = scorer.descriptor().optionsSchema();
    assertThat(o).containsEntry("type", "object").containsEntry("additionalProperties", false);
    assertThat(List.copyOf(((Map<?, ?>) o.get("properties")).keySet()))
        .isEqualTo(List.of("principles", "principle_set", "mode", "sample_k", "seed"));
    assertThat(prop(o, "principle_set")).containsEntry("type", "string").containsKey("description");
    assertThat(prop(o, "mode"))
        .containsEntry("type", "string")
        .containsEntry("enum", List.of("joint", "per_principle"))
        .doesNotContainKey("default");
    assertThat(prop(o, "sample_k")).containsEntry("type", "integer");
    assertThat(whole(prop(o, "sample_k").get("minimum"))).isEqualTo(1);
    assertThat(prop(o, "seed")).containsEntry("type", "integer");
    assertThat(whole(prop(o, "seed").get("default"))).isZero();

    Map<String, Object> principles = prop(o, "principles");
    assertThat(principles).containsEntry("type", "array");
    assertThat(whole(principles.get("minItems"))).isEqualTo(1);
    assertThat(whole(principles.get("maxItems"))).isEqualTo(PrincipleOptions.MAX_PRINCIPLES);
    @SuppressWarnings("unchecked")
    Map<String, Object> principle = (Map<String, Object>) principles.get("items");
    assertThat(principle)
        .containsEntry("type", "object")
        .containsEntry("required", List.of("dimension", "definition"));
    assertThat(List.copyOf(((Map<?, ?>) principle.get("properties")).keySet()))
        .isEqualTo(List.of("dimension", "definition", "negative_definition", "weight"));
    assertThat(prop(principle, "weight")).containsEntry("type", "number");
    assertThat(((Number) prop(principle, "weight").get("default")).doubleValue()).isEqualTo(1.0);
    assertThat(scorer.descriptor().referenceSchema()).isEqualTo(Map.of("type", "object"));
  }

  @Test
  void scoreBatch_badOptionsAreThatItemsInvalidRequest() {
    List<ScoreResult> out =
        scorer.scoreBatch(
            List.of(
                new ScoreItem("bad", "principle", "p", "r", Map.of(), Map.of("mode", 1), null),
                new ScoreItem("ok", "principle", "p", "r", Map.of(), Map.of(), null)));
    assertThat(out.get(0).status()).isEqualTo(ScoreStatus.INVALID_REQUEST);
    assertThat(out.get(0).mask()).isFalse();
    assertThat(out.get(0).details().get("reason"))
        .isEqualTo("item 'bad': options.mode must be one of joint, per_principle, got 1");
    assertThat(out.get(1).status()).isEqualTo(ScoreStatus.OK);
    assertThat(out.get(1).reward()).isEqualTo(0.5);
  }
}
