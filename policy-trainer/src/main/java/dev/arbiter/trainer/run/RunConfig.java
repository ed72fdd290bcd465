package dev.arbiter.trainer.run;

import dev.arbiter.trainer.grpo.AdvantageMode;
import java.util.List;

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
    Integer threads) {

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
    if (groupSize < 2 || promptsPerStep < 1 || steps < 0 || sftSteps < 0 || scoreChunks < 1) {
      throw new IllegalArgumentException(
          "group_size should be >= 2, prompts_per_step >= 1, steps and sft_steps >= 0,"
              + " score_chunks >= 1");
    }
  }

  /** All defaults. */
  public static RunConfig defaults() {
    return new RunConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
