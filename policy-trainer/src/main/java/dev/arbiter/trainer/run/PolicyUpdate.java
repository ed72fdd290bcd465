package dev.arbiter.trainer.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import dev.arbiter.trainer.grpo.GrpoObjective;
import dev.arbiter.trainer.model.Policy;
import dev.arbiter.trainer.model.SequenceBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The GRPO policy update: the clipped objective over the rollouts that have an advantage, {@code
 * update_epochs} optimizer steps on the batch (old log-probs taken once when above 1), the KL to a
 * frozen reference policy when one is given.
 */
final class PolicyUpdate {

  private final GrpoObjective objective;
  private final Optimizer adam;
  private final GradientStep gradients;
  private final int epochs;

  PolicyUpdate(RunConfig config, GradientStep gradients) {
    this.objective = new GrpoObjective(config.clipEpsilon(), config.klBeta(), config.advantage());
    this.epochs = config.updateEpochs();
    this.gradients = gradients;
    int updates = Math.max(1, config.steps() * epochs);
    this.adam =
        AdamSchedule.rampThenCosine(
            config.learningRate().floatValue(),
            config.finalLearningRate().floatValue(),
            Math.max(1, Math.min(20 * epochs, updates / 10)),
            updates);
  }

  /**
   * @param advantages by rollout id; rows without one (masked, filtered) stay out of the loss
   */
  Stats apply(Policy policy, Policy reference, Rollouts rollouts, Map<String, Double> advantages) {
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    List<Float> kept = new ArrayList<>();
    for (int i = 0; i < rollouts.scored().size(); i++) {
      Double a = advantages.get(rollouts.scored().get(i).id());
      if (a != null && rollouts.responses().get(i).length > 0) {
        prompts.add(rollouts.prompts().get(i));
        responses.add(rollouts.responses().get(i));
        kept.add(a.floatValue());
      }
    }
    if (prompts.isEmpty()) {
      return new Stats(0, null, null, null);
    }
    TrainingBatch batch = TrainingBatch.of(prompts, responses);
    float[] adv = new float[kept.size()];
    for (int i = 0; i < adv.length; i++) {
      adv[i] = kept.get(i);
    }
    try (NDManager scope = policy.manager().newSubManager()) {
      NDArray targets = batch.targetArray(scope);
      NDArray mask = batch.maskArray(scope);
      NDArray advArray = SequenceBatch.aligned(scope.create(adv, new Shape(adv.length, 1)));
      NDArray old = null;
      if (epochs > 1) {
        old = GrpoObjective.tokenLogProbs(policy.logits(batch.sequences(), scope, false), targets);
      }
      NDArray ref = reference == null ? null : referenceLogProbs(reference, batch, scope, targets);
      double loss = 0;
      double entropy = 0;
      GrpoObjective.Result result = null;
      for (int epoch = 0; epoch < epochs; epoch++) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray logits = policy.logits(batch.sequences(), scope, true);
          NDArray logp = GrpoObjective.tokenLogProbs(logits, targets);
          result = objective.loss(logp, old, ref, advArray, mask, batch.maxResponseLength());
          gc.backward(result.loss());
          loss = result.loss().getFloat();
          if (epoch == 0) {
            entropy = GrpoObjective.entropy(logits, mask);
          }
        }
        gradients.apply(policy, adam);
      }
      if (!Double.isFinite(loss)) {
        throw new IllegalStateException("GRPO loss is not finite: " + loss);
      }
      return new Stats(loss, entropy, result.kl(), result.clipFraction());
    }
  }

  /**
   * The reference policy's log-probs, computed in its own manager and copied into {@code scope}.
   */
  private static NDArray referenceLogProbs(
      Policy reference, TrainingBatch batch, NDManager scope, NDArray targets) {
    try (NDManager refScope = reference.manager().newSubManager()) {
      float[] values =
          GrpoObjective.tokenLogProbs(
                  reference.logits(batch.sequences(), refScope, false),
                  SequenceBatch.aligned(refScope.create(batch.targets(), targets.getShape())))
              .toFloatArray();
      return SequenceBatch.aligned(scope.create(values, targets.getShape()));
    }
  }

  /** What the update measured; null fields when no row had an advantage. */
  record Stats(double loss, Double entropy, Double kl, Double clipFraction) {}
}
