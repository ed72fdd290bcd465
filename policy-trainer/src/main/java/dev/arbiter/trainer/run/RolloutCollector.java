package dev.arbiter.trainer.run;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.trainer.grpo.ScoredRollout;
import dev.arbiter.trainer.model.CharTokenizer;
import dev.arbiter.trainer.model.Policy;
import dev.arbiter.trainer.model.TokenSampler;
import dev.arbiter.trainer.reward.GatewayRewards;
import dev.arbiter.trainer.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Samples {@code G} responses per task and has the gateway score them: generation in chunks, chunk
 * n scored while chunk n+1 is generated (overlap within a step keeps GRPO on-policy). The training
 * reward is the scorer's reward plus {@code format_weight} × the format component (the response
 * ended with EOS and matches the task's answer format).
 */
final class RolloutCollector {

  private final CharTokenizer tokenizer;
  private final TokenSampler sampler;
  private final Random random;
  private final GatewayRewards rewards;
  private final int chunks;
  private final int maxNewTokens;
  private final double formatWeight;

  RolloutCollector(
      CharTokenizer tokenizer,
      TokenSampler sampler,
      Random random,
      GatewayRewards rewards,
      RunConfig config) {
    this.tokenizer = tokenizer;
    this.sampler = sampler;
    this.random = random;
    this.rewards = rewards;
    this.chunks = config.scoreChunks();
    this.maxNewTokens = config.maxNewTokens();
    this.formatWeight = config.formatWeight();
  }

  /**
   * @param tasks the prompts of this batch
   * @param g responses per prompt; each prompt's responses form one group
   * @param tag prefix of the item and group ids ({@code s12} for GRPO step 12)
   */
  Rollouts collect(Policy policy, List<Task> tasks, int g, String tag) {
    int chunkCount = Math.min(chunks, tasks.size());
    List<Task> rowTask = new ArrayList<>();
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    List<ScoreItem> items = new ArrayList<>();
    List<CompletableFuture<List<ScoreResult>>> pending = new ArrayList<>();
    long tokens = 0;
    long g0 = System.nanoTime();
    for (int c = 0; c < chunkCount; c++) {
      int from = c * tasks.size() / chunkCount;
      int to = (c + 1) * tasks.size() / chunkCount;
      List<int[]> chunkPrompts = new ArrayList<>();
      for (int p = from; p < to; p++) {
        int[] ids = tokenizer.encodePrompt(tasks.get(p).prompt());
        for (int k = 0; k < g; k++) {
          chunkPrompts.add(ids);
        }
      }
      int[][] out = policy.generate(chunkPrompts, maxNewTokens, sampler, random);
      List<ScoreItem> chunkItems = new ArrayList<>();
      for (int i = 0; i < out.length; i++) {
        int p = from + i / g;
        Task task = tasks.get(p);
        String group = tag + "-p" + p;
        chunkItems.add(
            new ScoreItem(
                group + "-r" + (i % g),
                task.scorer(),
                task.prompt(),
                tokenizer.decode(out[i], 0, out[i].length),
                task.reference(),
                Map.of(),
                group));
        prompts.add(chunkPrompts.get(i));
        responses.add(out[i]);
        rowTask.add(task);
        tokens += out[i].length;
      }
      items.addAll(chunkItems);
      pending.add(rewards.score(chunkItems));
    }
    double generationMs = (System.nanoTime() - g0) / 1e6;
    long w0 = System.nanoTime();
    List<ScoreResult> results = new ArrayList<>();
    for (CompletableFuture<List<ScoreResult>> f : pending) {
      results.addAll(GatewayRewards.join(f));
    }
    double rewardWaitMs = (System.nanoTime() - w0) / 1e6;
    List<ScoredRollout> scored = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ScoreResult res = results.get(i);
      Task task = rowTask.get(i);
      ScoreItem item = items.get(i);
      double format =
          ended(responses.get(i)) && task.answerFormat().matcher(item.response()).matches() ? 1 : 0;
      Double reward = res.usable() ? res.reward() + formatWeight * format : null;
      scored.add(new ScoredRollout(item.id(), item.group(), task.category(), res, reward));
      texts.add(item.response());
    }
    return new Rollouts(
        rowTask, prompts, responses, texts, scored, tokens, generationMs, rewardWaitMs);
  }

  private static boolean ended(int[] response) {
    return response.length > 0 && response[response.length - 1] == CharTokenizer.EOS;
  }
}
