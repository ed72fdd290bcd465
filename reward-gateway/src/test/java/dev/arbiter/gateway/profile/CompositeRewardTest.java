package dev.arbiter.gateway.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.gateway.GatewayProperties.Component;
import dev.arbiter.gateway.GatewayProperties.Profile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeRewardTest {

  private static final ScoreItem ITEM =
      new ScoreItem("a", null, null, "resp", Map.of(), Map.of("k", 1), null);

  private final CompositeReward visualRft =
      new CompositeReward(
          "visual-rft",
          new Profile(
              null,
              List.of(
                  new Component(null, "detection", "iou", null, null, null, null),
                  new Component(null, "detection", "confidence", null, null, null, null),
                  new Component(null, "detection", "format", 0.5, null, null, null)),
              null,
              null));

  @Test
  void calls_componentsOfOneScorerShareOneCall() {
    List<ScoreItem> calls = visualRft.calls(ITEM);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).scorer()).isEqualTo("detection");
    assertThat(calls.get(0).options()).isEqualTo(Map.of("k", 1));
  }

  @Test
  void combine_weightedSumOfNamedComponents() {
    List<ScoreItem> calls = visualRft.calls(ITEM);
    ScoreResult detection =
        ScoreResult.ok("a", 9, Map.of("iou", 0.6, "confidence", 0.8, "format", 1.0), Map.of());
    ScoreResult out = visualRft.combine(ITEM, calls, List.of(detection));
    assertThat(out.reward()).isEqualTo(0.6 + 0.8 + 0.5);
    assertThat(out.components()).containsEntry("iou", 0.6).containsEntry("format", 1.0);
    assertThat(out.status()).isEqualTo(ScoreStatus.OK);
  }

  @Test
  void combine_nullComponentLeftOutAndReported_maskedComponentMasksItem() {
    List<ScoreItem> calls = visualRft.calls(ITEM);
    ScoreResult partial = ScoreResult.ok("a", 1, Map.of("iou", 0.5, "format", 1.0), Map.of());
    ScoreResult out = visualRft.combine(ITEM, calls, List.of(partial));
    assertThat(out.reward()).isEqualTo(0.5 + 0.5);
    assertThat(out.details().get("missing_components")).isEqualTo(List.of("confidence"));

    ScoreResult down = ScoreResult.failure("a", ScoreStatus.SCORER_UNAVAILABLE, "down");
    ScoreResult masked = visualRft.combine(ITEM, calls, List.of(down));
    assertThat(masked.mask()).isTrue();
    assertThat(masked.reward()).isNull();
    assertThat(masked.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
  }
}
