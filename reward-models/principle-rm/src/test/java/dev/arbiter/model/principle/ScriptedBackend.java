package dev.arbiter.model.principle;

import dev.arbiter.api.ScoreResult;
import java.util.List;
import java.util.Map;

/** A backend for tests: every item gets {@code reward}; warm-up runs {@code warmUp}. */
final class ScriptedBackend implements RewardBackend {

  private final String description;
  private final double reward;
  private final Runnable warmUp;

  ScriptedBackend(String description, double reward, Runnable warmUp) {
    this.description = description;
    this.reward = reward;
    this.warmUp = warmUp;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<ScoreResult> score(List<PrincipledItem> items) {
    return items.stream().map(i -> ScoreResult.ok(null, reward, Map.of(), Map.of())).toList();
  }

  @Override
  public void warmUp() {
    warmUp.run();
  }

  @Override
  public int preferredBatchSize() {
    return 4;
  }
}
