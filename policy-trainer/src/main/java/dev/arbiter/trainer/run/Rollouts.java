package dev.arbiter.trainer.run;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.trainer.grpo.ScoredRollout;
import dev.arbiter.trainer.task.Task;
import java.util.List;

/**
 * One batch of sampled responses with their verdicts, row-aligned.
 *
 * @param tasks the task of each row
 * @param prompts prompt token ids of each row
 * @param responses generated token ids of each row (EOS included when emitted)
 * @param texts the decoded responses, as sent to the gateway
 * @param scored the verdict and training reward of each row
 * @param tokens generated tokens in all
 * @param generationMs time generating (overlapping the scoring of earlier chunks)
 * @param rewardWaitMs time waiting for rewards after generation ended
 */
record Rollouts(
    List<Task> tasks,
    List<int[]> prompts,
    List<int[]> responses,
    List<String> texts,
    List<ScoredRollout> scored,
    long tokens,
    double generationMs,
    double rewardWaitMs) {

  /** A scorer reward at or above this counts as solved (binary scorers give exactly 1). */
  static final double SOLVED_AT = 0.999;

  static boolean solved(ScoreResult r) {
    return r.usable() && r.reward() >= SOLVED_AT;
  }

  Double meanReward() {
    return scored.stream()
        .filter(ScoredRollout::usable)
        .mapToDouble(ScoredRollout::reward)
        .average()
        .stream()
        .boxed()
        .findFirst()
        .orElse(null);
  }

  Double accuracy() {
    long usable = scored.stream().filter(ScoredRollout::usable).count();
    long correct = scored.stream().filter(r -> r.usable() && solved(r.result())).count();
    return usable == 0 ? null : (double) correct / usable;
  }
}
