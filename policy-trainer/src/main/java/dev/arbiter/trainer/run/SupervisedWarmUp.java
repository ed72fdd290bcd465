package dev.arbiter.trainer.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import dev.arbiter.trainer.grpo.GrpoObjective;
import dev.arbiter.trainer.model.CharTokenizer;
import dev.arbiter.trainer.model.Policy;
import dev.arbiter.trainer.model.SequenceBatch;
import dev.arbiter.trainer.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The supervised warm-up: teacher forcing on the gold answers, Adam with a 5% ramp and cosine decay
 * to a tenth over {@code sft_steps}; ends early once greedy exact match on a validation set reaches
 * {@code sft_target} (checked every 10 steps).
 */
final class SupervisedWarmUp {

  private final RunConfig config;
  private final CharTokenizer tokenizer;
  private final GreedyEvaluation evaluation;
  private final GradientStep gradients;
  private final RunEvents events;
  private final BooleanSupplier stopped;

  SupervisedWarmUp(
      RunConfig config,
      CharTokenizer tokenizer,
      GreedyEvaluation evaluation,
      GradientStep gradients,
      RunEvents events,
      BooleanSupplier stopped) {
    this.config = config;
    this.tokenizer = tokenizer;
    this.evaluation = evaluation;
    this.gradients = gradients;
    this.events = events;
    this.stopped = stopped;
  }

  /**
   * Runs the warm-up; returns the steps it took.
   *
   * @param draw a training task of a random category per call
   * @param validation the stopping rule's set (empty: run every step)
   */
  int run(Policy policy, Supplier<Task> draw, List<Task> validation) {
    float rate = config.sftLearningRate().floatValue();
    Optimizer adam =
        AdamSchedule.rampThenCosine(
            rate, rate / 10, Math.max(1, config.sftSteps() / 20), config.sftSteps());
    int done = 0;
    for (int step = 1; step <= config.sftSteps() && !stopped.getAsBoolean(); step++) {
      done = step;
      long t0 = System.nanoTime();
      List<int[]> prompts = new ArrayList<>();
      List<int[]> targets = new ArrayList<>();
      for (int i = 0; i < config.sftBatch(); i++) {
        Task t = draw.get();
        if (t.answer() == null) {
          continue;
        }
        prompts.add(tokenizer.encodePrompt(t.prompt()));
        targets.add(tokenizer.encodeTarget(t.answer()));
      }
      if (prompts.isEmpty()) {
        events.event("warm-up skipped: the tasks' references have no 'answer'");
        return 0;
      }
      double loss = teacherForcedStep(policy, adam, TrainingBatch.of(prompts, targets), step);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (step % 10 == 0 || step == config.sftSteps()) {
        events.step(
            StepMetrics.builder("sft", step, config.sftSteps())
                .loss(loss)
                .kept(prompts.size())
                .updateMs(ms)
                .elapsedSeconds(events.elapsed())
                .etaSeconds(ms / 1e3 * (config.sftSteps() - step))
                .build());
      }
      if (!validation.isEmpty() && step % 10 == 0 && step < config.sftSteps()) {
        double accuracy = evaluation.exactMatch(policy, validation);
        if (accuracy >= config.sftTarget()) {
          events.event(
              String.format(
                  Locale.ROOT,
                  "warm-up reached %.1f%% validation accuracy at step %d (target %.1f%%)",
                  accuracy * 100,
                  step,
                  config.sftTarget() * 100));
          return step;
        }
      }
    }
    return done;
  }

  private double teacherForcedStep(Policy policy, Optimizer adam, TrainingBatch batch, int step) {
    double loss;
    try (NDManager scope = policy.manager().newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray logits = policy.logits(batch.sequences(), scope, true);
      NDArray mask = batch.maskArray(scope);
      NDArray logp = GrpoObjective.tokenLogProbs(logits, batch.targetArray(scope));
      NDArray nll =
          logp.mul(mask).sum().neg().div(SequenceBatch.scalar(scope, Math.max(1, batch.tokens())));
      loss = nll.getFloat();
      if (!Double.isFinite(loss)) {
        throw new IllegalStateException("warm-up loss is not finite at step " + step);
      }
      gc.backward(nll);
    }
    gradients.apply(policy, adam);
    return loss;
  }
}
