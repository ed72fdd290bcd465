package dev.arbiter.trainer.run;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.trainer.model.CharTokenizer;
import dev.arbiter.trainer.model.Policy;
import dev.arbiter.trainer.model.TokenSampler;
import dev.arbiter.trainer.reward.GatewayRewards;
import dev.arbiter.trainer.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Greedy decoding of a fixed task set, judged against the gold answers (the warm-up's stopping
 * rule) or by the gateway (the held-out figures).
 */
final class GreedyEvaluation {

  /** Held-out items per gateway call. */
  private static final int CHUNK = 100;

  private final CharTokenizer tokenizer;
  private final int maxNewTokens;
  private final Random random;

  GreedyEvaluation(CharTokenizer tokenizer, int maxNewTokens, Random random) {
    this.tokenizer = tokenizer;
    this.maxNewTokens = maxNewTokens;
    this.random = random;
  }

  /** Greedy exact-match accuracy against the tasks' gold answers (no scorer involved). */
  double exactMatch(Policy policy, List<Task> set) {
    List<String> answers = greedyAnswers(policy, set);
    int correct = 0;
    for (int i = 0; i < answers.size(); i++) {
      correct += answers.get(i).trim().equals(set.get(i).answer().trim()) ? 1 : 0;
    }
    return (double) correct / Math.max(1, answers.size());
  }

  /** Greedy accuracy on the held-out set as judged by the gateway (masked items left out). */
  double heldOutAccuracy(Policy policy, List<Task> heldOut, GatewayRewards rewards) {
    int correct = 0;
    int judged = 0;
    for (int from = 0; from < heldOut.size(); from += CHUNK) {
      List<Task> part = heldOut.subList(from, Math.min(heldOut.size(), from + CHUNK));
      List<String> answers = greedyAnswers(policy, part);
      List<ScoreItem> items = new ArrayList<>();
      for (int i = 0; i < part.size(); i++) {
        Task t = part.get(i);
        items.add(
            new ScoreItem(
                "eval-" + (from + i),
                t.scorer(),
                t.prompt(),
                answers.get(i),
                t.reference(),
                Map.of(),
                null));
      }
      for (ScoreResult r : rewards.scoreNow(items)) {
        if (r.usable()) {
          judged++;
          correct += Rollouts.solved(r) ? 1 : 0;
        }
      }
    }
    return judged == 0 ? 0 : (double) correct / judged;
  }

  /** The policy's greedy response to each task's prompt, decoded. */
  private List<String> greedyAnswers(Policy policy, List<Task> tasks) {
    List<int[]> prompts = tasks.stream().map(t -> tokenizer.encodePrompt(t.prompt())).toList();
    int[][] out = policy.generate(prompts, maxNewTokens, TokenSampler.greedy(), random);
    List<String> answers = new ArrayList<>(out.length);
    for (int[] tokens : out) {
      answers.add(tokenizer.decode(tokens, 0, tokens.length));
    }
    return answers;
  }
}
