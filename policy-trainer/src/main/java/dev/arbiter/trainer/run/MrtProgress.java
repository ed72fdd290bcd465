package dev.arbiter.trainer.run;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.trainer.grpo.ScoredRollout;
import dev.arbiter.trainer.model.CharTokenizer;
import dev.arbiter.trainer.model.Policy;
import dev.arbiter.trainer.model.TokenSampler;
import dev.arbiter.trainer.mrt.ProgressBonus;
import dev.arbiter.trainer.mrt.StepSplit;
import dev.arbiter.trainer.reward.GatewayRewards;
import dev.arbiter.trainer.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Adds MRT's progress bonus to a step's training rewards: every prefix of every response (at its
 * step boundaries, {@link StepSplit}) gets {@code mrt_k} forced answers — the policy continues from
 * prompt + prefix + {@code mrt_suffix} for at most {@code mrt_answer_tokens} tokens, sampled like
 * the rollouts — scored through the gateway as {@code prefix + suffix + continuation}; the prefix's
 * success estimate is their mean scorer reward, and {@link ProgressBonus} turns the estimates into
 * the bonus. A prefix shared by several responses of a step (the empty one always is) is estimated
 * once. A response with a prefix whose forced answers were all masked gets no training reward (it
 * leaves the loss, like a masked rollout) rather than a made-up bonus.
 */
final class MrtProgress {

  /** Forced-answer rows per generation call. */
  private static final int CHUNK_ROWS = 256;

  private final CharTokenizer tokenizer;
  private final TokenSampler sampler;
  private final Random random;
  private final GatewayRewards rewards;
  private final StepSplit split;
  private final double alpha;
  private final int k;
  private final String suffix;
  private final int answerTokens;
  private final int contextLength;

  MrtProgress(
      CharTokenizer tokenizer,
      TokenSampler sampler,
      Random random,
      GatewayRewards rewards,
      RunConfig config) {
    this.tokenizer = tokenizer;
    this.sampler = sampler;
    this.random = random;
    this.rewards = rewards;
    this.split = StepSplit.of(config.mrtSplit());
    this.alpha = config.mrtAlpha();
    this.k = config.mrtK();
    this.suffix = config.mrtSuffix();
    this.answerTokens = config.mrtAnswerTokens();
    this.contextLength = config.contextLength();
  }

  /** The rollouts with the bonus added to their training rewards, and what it cost. */
  Result apply(Policy policy, Rollouts rollouts, String tag) {
    long t0 = System.nanoTime();
    Map<Prefix, Integer> index = new LinkedHashMap<>();
    List<List<Integer>> rowPrefixes = new ArrayList<>();
    for (int i = 0; i < rollouts.texts().size(); i++) {
      Task task = rollouts.tasks().get(i);
      List<Integer> ids = new ArrayList<>();
      for (String prefix : split.prefixes(rollouts.texts().get(i))) {
        ids.add(index.computeIfAbsent(new Prefix(task, prefix), p -> index.size()));
      }
      rowPrefixes.add(ids);
    }
    List<Prefix> prefixes = new ArrayList<>(index.keySet());
    long[] waitNanos = new long[1];
    List<Double> estimates = estimate(policy, prefixes, tag, waitNanos);
    List<ScoredRollout> scored = new ArrayList<>();
    double bonusSum = 0;
    int bonuses = 0;
    int steps = 0;
    int negative = 0;
    double progressSum = 0;
    int unestimated = 0;
    for (int i = 0; i < rollouts.scored().size(); i++) {
      ScoredRollout r = rollouts.scored().get(i);
      ProgressBonus bonus =
          ProgressBonus.of(rowPrefixes.get(i).stream().map(estimates::get).toList(), alpha);
      if (bonus == null) {
        unestimated++;
        scored.add(new ScoredRollout(r.id(), r.group(), r.category(), r.result(), null));
        continue;
      }
      for (double p : bonus.progress()) {
        steps++;
        progressSum += p;
        negative += p < 0 ? 1 : 0;
      }
      bonusSum += bonus.bonus();
      bonuses++;
      Double reward = r.reward() == null ? null : r.reward() + bonus.bonus();
      scored.add(new ScoredRollout(r.id(), r.group(), r.category(), r.result(), reward));
    }
    Rollouts withBonus =
        new Rollouts(
            rollouts.tasks(),
            rollouts.prompts(),
            rollouts.responses(),
            rollouts.texts(),
            scored,
            rollouts.tokens(),
            rollouts.generationMs(),
            rollouts.rewardWaitMs());
    double ms = (System.nanoTime() - t0) / 1e6;
    StepMetrics.Mrt stats =
        new StepMetrics.Mrt(
            ms,
            waitNanos[0] / 1e6,
            prefixes.size(),
            prefixes.size() * k,
            bonuses == 0 ? null : bonusSum / bonuses,
            steps == 0 ? null : progressSum / steps,
            steps == 0 ? null : (double) negative / steps,
            unestimated);
    return new Result(withBonus, stats);
  }

  /**
   * Each prefix's mean scorer reward over its forced answers; null when all were masked. Adds the
   * time spent waiting for scores after the last generation to {@code waitNanos[0]}.
   */
  private List<Double> estimate(
      Policy policy, List<Prefix> prefixes, String tag, long[] waitNanos) {
    List<ScoreItem> items = new ArrayList<>();
    List<CompletableFuture<List<ScoreResult>>> pending = new ArrayList<>();
    List<int[]> rows = new ArrayList<>();
    List<Prefix> rowPrefix = new ArrayList<>();
    for (Prefix p : prefixes) {
      int[] ids = tokenizer.encodePrompt(p.task().prompt() + p.text() + suffix);
      for (int j = 0; j < k; j++) {
        rows.add(ids);
        rowPrefix.add(p);
      }
    }
    for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
      int to = Math.min(rows.size(), from + CHUNK_ROWS);
      List<ScoreItem> chunk = new ArrayList<>();
      int[][] answers = forcedAnswers(policy, rows.subList(from, to));
      for (int i = from; i < to; i++) {
        Prefix p = rowPrefix.get(i);
        int[] answer = answers[i - from];
        chunk.add(
            new ScoreItem(
                tag + "-mrt" + i,
                p.task().scorer(),
                p.task().prompt(),
                p.text() + suffix + tokenizer.decode(answer, 0, answer.length),
                p.task().reference(),
                Map.of(),
                null));
      }
      items.addAll(chunk);
      pending.add(rewards.score(chunk));
    }
    long w0 = System.nanoTime();
    List<ScoreResult> results = new ArrayList<>();
    for (CompletableFuture<List<ScoreResult>> f : pending) {
      results.addAll(GatewayRewards.join(f));
    }
    waitNanos[0] += System.nanoTime() - w0;
    List<Double> estimates = new ArrayList<>(prefixes.size());
    for (int p = 0; p < prefixes.size(); p++) {
      double sum = 0;
      int usable = 0;
      for (int j = p * k; j < (p + 1) * k; j++) {
        ScoreResult r = results.get(j);
        if (r.usable()) {
          sum += r.reward();
          usable++;
        }
      }
      estimates.add(usable == 0 ? null : sum / usable);
    }
    return estimates;
  }

  /**
   * The policy's continuations; rows that leave no room in the context get none (their forced
   * answer is the prefix and suffix alone), the others at most what room the longest leaves.
   */
  private int[][] forcedAnswers(Policy policy, List<int[]> rows) {
    int[][] out = new int[rows.size()][];
    List<int[]> fit = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).length < contextLength) {
        fit.add(rows.get(i));
        at.add(i);
      } else {
        out[i] = new int[0];
      }
    }
    if (!fit.isEmpty()) {
      int[][] generated = policy.generate(fit, answerTokens, sampler, random);
      for (int j = 0; j < generated.length; j++) {
        out[at.get(j)] = generated[j];
      }
    }
    return out;
  }

  /** A prompt's response prefix (the task carries the prompt, scorer and reference). */
  private record Prefix(Task task, String text) {}

  /** The rollouts with their new training rewards, and the step's MRT figures. */
  record Result(Rollouts rollouts, StepMetrics.Mrt stats) {}
}
