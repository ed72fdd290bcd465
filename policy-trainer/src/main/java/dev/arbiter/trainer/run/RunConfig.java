package dev.arbiter.trainer.run;

import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.trainer.grpo.AdvantageMode;
import java.util.List;
import java.util.Map;

/**
 * Everything one training run needs. Null fields take the defaults below, so a REST client or the
 * command line names only what it changes.
 *
 * @param gatewayUrl base URL of the gateway (or any service hosting the tasks' scorers)
 * @param seed seeds weights, task draws and sampling
 * @param device {@code auto} (CUDA when DJL sees a GPU), {@code cpu} or {@code gpu}
 * @param embedding model width
 * @param heads attention heads
 * @param layers transformer layers
 * @param contextLength longest prompt + response
 * @param sftSteps most supervised warm-up steps (teacher forcing on the gold answers)
 * @param sftBatch warm-up batch size
 * @param sftLearningRate warm-up Adam learning rate (cosine-decayed to a tenth over {@code
 *     sftSteps})
 * @param sftTarget the warm-up ends early once greedy exact-match accuracy on a validation set
 *     (training distribution, drawn with seed + 2, disjoint from the held-out set) reaches this,
 *     checked every 10 steps; 0 runs all {@code sftSteps}
 * @param steps GRPO steps
 * @param promptsPerStep prompts per GRPO step
 * @param groupSize rollouts per prompt (G)
 * @param scoreChunks generation micro-batches per step; chunk n is scored while n+1 is generated
 * @param temperature sampling temperature for rollouts
 * @param topP nucleus sampling mass for rollouts
 * @param maxNewTokens longest response
 * @param learningRate GRPO Adam learning rate (after a short linear ramp)
 * @param finalLearningRate where the GRPO learning rate ends, cosine-decayed from {@code
 *     learningRate} over the run (default a tenth of it; equal to it for a constant rate)
 * @param clipEpsilon ratio clip range
 * @param klBeta KL penalty weight to the warm-up policy (0 = off)
 * @param updateEpochs policy updates per batch (mu); above 1 the ratio and clipping come into play
 * @param advantage GRPO or DR_GRPO
 * @param filterZeroVariance drop groups whose rewards are all equal
 * @param formatWeight weight of the format component added to the scorer's reward
 * @param curriculum pick categories with the Self-Evolving Curriculum instead of uniformly
 * @param curriculumAlpha the curriculum's TD(0) step size
 * @param curriculumTemperature the curriculum's softmax temperature
 * @param ops built-in task operations (add, sub, mul, solve)
 * @param levels built-in task difficulty levels (1 to 3)
 * @param dataset a JSONL task file used instead of the built-in tasks
 * @param heldOut size of the fixed held-out set (drawn with seed + 1, excluded from training)
 * @param evalEvery held-out evaluation every this many GRPO steps (0 = only before and after)
 * @param outputDir where the run directory is created
 * @param checkpointEvery checkpoint every this many GRPO steps (0 = only at the end)
 * @param resume a checkpoint directory to continue from (skips the warm-up)
 * @param gatewayAttempts tries per scoring call before the run stops
 * @param gatewayTimeoutSeconds per-call timeout
 * @param threads PyTorch intra-op threads (read once, when the engine first loads; default 1)
 * @param filterK instance filter: rollouts per training instance sampled after the warm-up; an
 *     instance whose K rollouts all get the floor reward is dropped from training (0 = off)
 * @param filterDropSolved instance filter: also drop instances whose K rollouts are all solved
 * @param filterPool instance filter: training instances judged (drawn with seed + 3, disjoint from
 *     the held-out set); GRPO then draws only from the kept ones
 * @param filterFloor instance filter: a scorer reward at or below this is the floor
 * @param mrtAlpha MRT progress bonus weight: the training reward gets alpha times the summed
 *     progress of the response's steps (0 = off)
 * @param mrtK MRT: forced answers sampled per prefix to estimate its success
 * @param mrtSplit MRT: step boundaries, {@code newline} (a step ends after each line break) or
 *     {@code char} (every character is a step: the arithmetic task's digits)
 * @param mrtSuffix MRT: the answer-forcing text appended to a prefix before the policy answers
 *     (e.g. {@code "\n</think>\nAnswer: "}; empty for the arithmetic task)
 * @param mrtAnswerTokens MRT: longest forced answer (default {@code max_new_tokens})
 */
public record RunConfig(
    String gatewayUrl,
    Long seed,
    String device,
    Integer embedding,
    Integer heads,
    Integer layers,
    Integer contextLength,
    Integer sftSteps,
    Integer sftBatch,
    Double sftLearningRate,
    Double sftTarget,
    Integer steps,
    Integer promptsPerStep,
    Integer groupSize,
    Integer scoreChunks,
    Double temperature,
    Double topP,
    Integer maxNewTokens,
    Double learningRate,
    Double finalLearningRate,
    Double clipEpsilon,
    Double klBeta,
    Integer updateEpochs,
    AdvantageMode advantage,
    Boolean filterZeroVariance,
    Double formatWeight,
    Boolean curriculum,
    Double curriculumAlpha,
    Double curriculumTemperature,
    List<String> ops,
    List<Integer> levels,
    String dataset,
    Integer heldOut,
    Integer evalEvery,
    String outputDir,
    Integer checkpointEvery,
    String resume,
    Integer gatewayAttempts,
    Integer gatewayTimeoutSeconds,
    Integer threads,
    Integer filterK,
    Boolean filterDropSolved,
    Integer filterPool,
    Double filterFloor,
    Double mrtAlpha,
    Integer mrtK,
    String mrtSplit,
    String mrtSuffix,
    Integer mrtAnswerTokens) {

  public RunConfig {
    gatewayUrl = or(gatewayUrl, "http://localhost:8080");
    seed = or(seed, 42L);
    device = or(device, "auto");
    embedding = or(embedding, 96);
    heads = or(heads, 4);
    layers = or(layers, 3);
    contextLength = or(contextLength, 40);
    sftSteps = or(sftSteps, 900);
    sftBatch = or(sftBatch, 64);
    sftLearningRate = or(sftLearningRate, 3e-3);
    sftTarget = or(sftTarget, 0.5);
    steps = or(steps, 600);
    promptsPerStep = or(promptsPerStep, 32);
    groupSize = or(groupSize, 8);
    scoreChunks = or(scoreChunks, 4);
    temperature = or(temperature, 1.0);
    topP = or(topP, 1.0);
    maxNewTokens = or(maxNewTokens, 6);
    learningRate = or(learningRate, 2e-4);
    finalLearningRate = or(finalLearningRate, learningRate / 10);
    clipEpsilon = or(clipEpsilon, 0.2);
    klBeta = or(klBeta, 0.0);
    updateEpochs = or(updateEpochs, 1);
    advantage = or(advantage, AdvantageMode.DR_GRPO);
    filterZeroVariance = or(filterZeroVariance, true);
    formatWeight = or(formatWeight, 0.1);
    curriculum = or(curriculum, false);
    curriculumAlpha = or(curriculumAlpha, 0.5);
    curriculumTemperature = or(curriculumTemperature, 0.2);
    ops = or(ops, List.of("add"));
    levels = or(levels, List.of(2));
    heldOut = or(heldOut, 500);
    evalEvery = or(evalEvery, 50);
    outputDir = or(outputDir, "runs");
    checkpointEvery = or(checkpointEvery, 0);
    gatewayAttempts = or(gatewayAttempts, 4);
    gatewayTimeoutSeconds = or(gatewayTimeoutSeconds, 30);
    filterK = or(filterK, 0);
    filterDropSolved = or(filterDropSolved, false);
    filterPool = or(filterPool, 1000);
    filterFloor = or(filterFloor, 0.0);
    mrtAlpha = or(mrtAlpha, 0.0);
    mrtK = or(mrtK, 4);
    mrtSplit = or(mrtSplit, "newline");
    mrtSuffix = or(mrtSuffix, "");
    mrtAnswerTokens = or(mrtAnswerTokens, maxNewTokens);
    if (filterK < 0 || filterPool < 1 || mrtAlpha < 0 || mrtK < 1 || mrtAnswerTokens < 1) {
      throw new IllegalArgumentException(
          "filter_k should be >= 0, filter_pool >= 1, mrt_alpha >= 0, mrt_k >= 1,"
              + " mrt_answer_tokens >= 1");
    }
    if (!mrtSplit.equals("newline") && !mrtSplit.equals("char")) {
      throw new IllegalArgumentException(
          "mrt_split should be 'newline' or 'char', was '" + mrtSplit + "'");
    }
    if (groupSize < 2 || promptsPerStep < 1 || steps < 0 || sftSteps < 0 || scoreChunks < 1) {
      throw new IllegalArgumentException(
          "group_size should be >= 2, prompts_per_step >= 1, steps and sft_steps >= 0,"
              + " score_chunks >= 1");
    }
  }

  /** All defaults. */
  public static RunConfig defaults() {
    return ArbiterJson.mapper().convertValue(Map.of(), RunConfig.class);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
