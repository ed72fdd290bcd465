package dev.arbiter.gateway.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.gateway.GatewayProperties.Component;
import dev.arbiter.gateway.GatewayProperties.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A component keyed on another: the cosine length reward picks its branch by math's verdict. */
class KeyedComponentTest {

  private static final ScoreItem ITEM =
      new ScoreItem("a", null, null, "resp", Map.of("answer", "4"), Map.of(), null);

  private final CompositeReward shaped =
      new CompositeReward(
          "r1-shaped-math",
          new Profile(
              null,
              List.of(
                  new Component("accuracy", "math", null, null, null, null, null),
                  new Component(
                      "cosine",
                      "length",
                      null,
                      null,
                      Map.of("mode", "cosine"),
                      null,
                      null,
                      "accuracy")),
              null,
              null));

  private static ScoreResult lengthBranches() {
    Map<String, Double> branches = new LinkedHashMap<>();
    branches.put("if_correct", 0.9);
    branches.put("if_wrong", -0.8);
    return new ScoreResult(
        "a", null, ScoreStatus.INVALID_REQUEST, false, branches, Map.of(), null, 0);
  }

  @Test
  void combine_correctVerdictTakesTheIfCorrectBranch() {
    List<ScoreItem> calls = shaped.calls(ITEM);
    assertThat(calls).extracting(ScoreItem::scorer).containsExactly("math", "length");
    ScoreResult out =
        shaped.combine(
            ITEM, calls, List.of(ScoreResult.ok("a", 1.0, Map.of(), Map.of()), lengthBranches()));
    assertThat(out.status()).isEqualTo(ScoreStatus.OK);
    assertThat(out.components()).containsEntry("accuracy", 1.0).containsEntry("cosine", 0.9);
    assertThat(out.reward()).isEqualTo(1.9);
  }

  @Test
  void combine_wrongVerdictTakesTheIfWrongBranch() {
    List<ScoreItem> calls = shaped.calls(ITEM);
    ScoreResult out =
        shaped.combine(
            ITEM, calls, List.of(ScoreResult.ok("a", 0.0, Map.of(), Map.of()), lengthBranches()));
    assertThat(out.components()).containsEntry("cosine", -0.8);
    assertThat(out.reward()).isEqualTo(-0.8);
  }

  @Test
  void combine_keyWithoutVerdictLeavesTheKeyedComponentOut() {
    List<ScoreItem> calls = shaped.calls(ITEM);
    ScoreResult out =
        shaped.combine(
            ITEM, calls, List.of(ScoreResult.invalidReference("a", "bad gold"), lengthBranches()));
    assertThat(out.reward()).isNull();
    assertThat(out.status()).isEqualTo(ScoreStatus.INVALID_REFERENCE);
    assertThat(out.details().get("missing_components")).isEqualTo(List.of("accuracy", "cosine"));
  }

  @Test
  void new_keyedOnAnUnknownComponentIsRefused() {
    assertThatThrownBy(
            () ->
                new CompositeReward(
                    "bad",
                    new Profile(
                        null,
                        List.of(
                            new Component(
                                "cosine", "length", null, null, null, null, null, "accuracy")),
                        null,
                        null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyed on 'accuracy'");
  }
}
