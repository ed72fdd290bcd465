package dev.arbiter.trainer.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.trainer.curriculum.SelfEvolvingCurriculum;
import dev.arbiter.trainer.filter.FilterReport;
import dev.arbiter.trainer.grpo.AdvantageEstimator;
import dev.arbiter.trainer.grpo.ScoredRollout;
import dev.arbiter.trainer.model.CharTokenizer;
import dev.arbiter.trainer.model.Policy;
import dev.arbiter.trainer.model.PolicyConfig;
import dev.arbiter.trainer.model.TokenSampler;
import dev.arbiter.trainer.reward.GatewayRewards;
import dev.arbiter.trainer.task.ArithmeticTasks;
import dev.arbiter.trainer.task.JsonlTasks;
import dev.arbiter.trainer.task.Task;
import dev.arbiter.trainer.task.TaskSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * One training run: supervised warm-up ({@link SupervisedWarmUp}), held-out evaluation ({@link
 * GreedyEvaluation}), GRPO steps — rollouts scored by the gateway ({@link RolloutCollector}), group
 * advantages, the policy update ({@link PolicyUpdate}) — held-out evaluation again, checkpoint.
 * Runs on the calling thread; {@link #stop()} ends it after the current step.
 */
public final class GrpoRun {

  /** Problems in the warm-up's validation set. */
  private static final int VALIDATION_SIZE = 200;

  private final RunConfig config;
  private final Path runDir;
  private final List<RunListener> listeners;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Random random;
  private final CharTokenizer tokenizer = new CharTokenizer();
  private RunEvents events;
  private final MrtCost.Accumulator mrtCost = new MrtCost.Accumulator();

  public GrpoRun(RunConfig config, Path runDir, List<RunListener> listeners) {
    this.config = config;
    this.runDir = runDir;
    this.listeners = List.copyOf(listeners);
    this.random = new Random(config.seed());
    EngineSetup.configure(config.threads());
  }

  public void stop() {
    stopped.set(true);
  }

  /** Runs to the end (or to {@link #stop()}) and returns the summary. */
  public RunSummary run() throws IOException {
    events = new RunEvents(listeners);
    TaskSource tasks = taskSource();
    List<Task> heldOut = heldOutSet(tasks);
    Set<String> heldOutPrompts = new HashSet<>();
    heldOut.forEach(t -> heldOutPrompts.add(t.prompt()));
    RewardClient client =
        RewardClient.create(
            config.gatewayUrl(), Duration.ofSeconds(config.gatewayTimeoutSeconds()));
    GatewayRewards rewards =
        new GatewayRewards(client, config.gatewayAttempts(), Duration.ofMillis(250));
    Device device = device();
    // Reproducibility: the seed fixes the weights (libtorch's generator), the task draws and the
    // sampling (one java.util.Random, used only on this thread in a fixed order); the thread count
    // fixes the order of libtorch's parallel sums; rewards are joined in submission order; scalars
    // in the differentiated graph are libtorch-owned (SequenceBatch.scalar).
    Engine.getInstance().setRandomSeed((int) config.seed().longValue());
    int threads = EngineSetup.pinThreads(config.threads());
    events.event(
        "device "
            + device
            + ", engine "
            + Engine.getInstance().getEngineName()
            + " "
            + Engine.getInstance().getVersion()
            + ", seed "
            + config.seed()
            + ", intra-op threads "
            + threads
            + ", MKL_CBWR "
            + Objects.requireNonNullElse(System.getenv("MKL_CBWR"), "unset"));
    if (System.getenv("MKL_CBWR") == null) {
      events.event(
          "MKL_CBWR is not set: same-seed runs in different processes can drift apart; set"
              + " MKL_CBWR=COMPATIBLE for bitwise-reproducible runs (the demo command does)");
    }
    int startStep = 0;
    Policy policy;
    if (config.resume() != null) {
      Path resume = Path.of(config.resume());
      policy = Checkpoint.load(resume, device);
      startStep = Checkpoint.read(resume).step();
      events.event("resumed " + resume + " at step " + startStep);
    } else {
      PolicyConfig size =
          new PolicyConfig(
              tokenizer.vocabSize(),
              config.contextLength(),
              config.embedding(),
              config.heads(),
              config.layers());
      policy = Policy.create(size, device, config.seed());
    }
    GreedyEvaluation evaluation = new GreedyEvaluation(tokenizer, config.maxNewTokens(), random);
    GradientStep gradients = new GradientStep(events);
    int warmUpSteps = 0;
    try (policy) {
      events.event("policy parameters: " + policy.parameterCount());
      if (config.resume() == null) {
        List<String> categories = tasks.categories();
        List<Task> validation =
            config.sftTarget() > 0 ? validationSet(tasks, heldOutPrompts) : List.of();
        warmUpSteps =
            new SupervisedWarmUp(config, tokenizer, evaluation, gradients, events, stopped::get)
                .run(
                    policy,
                    () ->
                        drawTraining(
                            tasks,
                            categories.get(random.nextInt(categories.size())),
                            heldOutPrompts),
                    validation);
      }
      double before = evaluation.heldOutAccuracy(policy, heldOut, rewards);
      events.event(String.format("held-out accuracy after warm-up: %.3f", before));
      Double after = null;
      int done = startStep;
      FilterReport filter = null;
      try (Policy reference = config.klBeta() > 0 ? policy.copy() : null) {
        TokenSampler sampler = new TokenSampler(config.temperature(), config.topP());
        RolloutCollector collector =
            new RolloutCollector(tokenizer, sampler, random, rewards, config);
        TaskSource training = tasks;
        if (config.filterK() > 0) {
          InstanceFiltering.Outcome filtered =
              new InstanceFiltering(config)
                  .run(policy, trainingPool(tasks, heldOutPrompts), collector, events);
          training = filtered.pool();
          filter = filtered.report();
        }
        MrtProgress mrt =
            config.mrtAlpha() > 0
                ? new MrtProgress(tokenizer, sampler, random, rewards, config)
                : null;
        PolicyUpdate update = new PolicyUpdate(config, gradients);
        done =
            grpo(
                policy,
                reference,
                training,
                heldOutPrompts,
                heldOut,
                collector,
                mrt,
                update,
                evaluation,
                rewards,
                startStep);
        after = evaluation.heldOutAccuracy(policy, heldOut, rewards);
        events.event(String.format("held-out accuracy after GRPO: %.3f", after));
      }
      Checkpoint.save(runDir.resolve("checkpoint"), policy, done);
      return new RunSummary(
          config.seed(),
          heldOut.size(),
          warmUpSteps,
          before,
          after,
          done - startStep,
          events.elapsed(),
          rewards.meanLatencyMs(),
          stopped.get(),
          filter,
          mrtCost.summary());
    }
  }

  private TaskSource taskSource() throws IOException {
    if (config.dataset() != null) {
      return JsonlTasks.load(Path.of(config.dataset()));
    }
    return new ArithmeticTasks(config.ops(), config.levels());
  }

  private List<Task> heldOutSet(TaskSource tasks) {
    Set<String> seen = new HashSet<>();
    return drawSet(tasks, config.seed() + 1, config.heldOut(), t -> seen.add(t.prompt()));
  }

  /**
   * The instance filter's pool: a finite source's tasks (a JSONL file) up to {@code filter_pool},
   * else {@code filter_pool} distinct instances drawn with seed + 3, categories in turn; never a
   * held-out one.
   */
  private List<Task> trainingPool(TaskSource tasks, Set<String> heldOut) {
    Set<String> seen = new HashSet<>();
    if (!tasks.all().isEmpty()) {
      return tasks.all().stream()
          .filter(t -> !heldOut.contains(t.prompt()) && seen.add(t.prompt()))
          .limit(config.filterPool())
          .toList();
    }
    return drawSet(
        tasks,
        config.seed() + 3,
        config.filterPool(),
        t -> !heldOut.contains(t.prompt()) && seen.add(t.prompt()));
  }

  /**
   * A fixed validation set for the warm-up's stopping rule: the training distribution, drawn with
   * seed + 2, never a held-out problem (so the held-out figures stay untouched by the rule).
   */
  private List<Task> validationSet(TaskSource tasks, Set<String> heldOut) {
    return drawSet(
        tasks,
        config.seed() + 2,
        VALIDATION_SIZE,
        t -> t.answer() != null && !heldOut.contains(t.prompt()));
  }

  /**
   * Up to {@code size} tasks drawn with {@code seed}, categories in turn, those {@code keep} takes.
   */
  private static List<Task> drawSet(TaskSource tasks, long seed, int size, Predicate<Task> keep) {
    Random random = new Random(seed);
    List<String> categories = tasks.categories();
    List<Task> set = new ArrayList<>();
    for (int i = 0; set.size() < size && i < size * 20; i++) {
      Task t = tasks.draw(categories.get(set.size() % categories.size()), random);
      if (keep.test(t)) {
        set.add(t);
      }
    }
    return set;
  }

  private Device device() {
    return switch (config.device()) {
      case "cpu" -> Device.cpu();
      case "gpu" -> Device.gpu();
      default -> Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    };
  }

  private Task drawTraining(TaskSource tasks, String category, Set<String> heldOut) {
    for (int i = 0; i < 50; i++) {
      Task t = tasks.draw(category, random);
      if (!heldOut.contains(t.prompt())) {
        return t;
      }
    }
    return tasks.draw(category, random);
  }

  // ---- GRPO --------------------------------------------------------------------------------

  private int grpo(
      Policy policy,
      Policy reference,
      TaskSource tasks,
      Set<String> heldOutPrompts,
      List<Task> heldOut,
      RolloutCollector collector,
      MrtProgress mrt,
      PolicyUpdate update,
      GreedyEvaluation evaluation,
      GatewayRewards rewards,
      int startStep)
      throws IOException {
    AdvantageEstimator estimator =
        new AdvantageEstimator(config.advantage(), config.filterZeroVariance());
    SelfEvolvingCurriculum curriculum =
        config.curriculum()
            ? new SelfEvolvingCurriculum(
                tasks.categories(), config.curriculumAlpha(), config.curriculumTemperature())
            : null;
    int last = startStep + config.steps();
    int step = startStep;
    long grpoStart = System.nanoTime();
    while (step < last && !stopped.get()) {
      step++;
      List<Task> batch = new ArrayList<>();
      for (int i = 0; i < config.promptsPerStep(); i++) {
        String category =
            curriculum != null
                ? curriculum.pick(random)
                : tasks.categories().get(random.nextInt(tasks.categories().size()));
        batch.add(drawTraining(tasks, category, heldOutPrompts));
      }
      Rollouts rollouts = collector.collect(policy, batch, config.groupSize(), "s" + step);
      StepMetrics.Mrt mrtStats = null;
      if (mrt != null) {
        MrtProgress.Result withBonus = mrt.apply(policy, rollouts, "s" + step);
        rollouts = withBonus.rollouts();
        mrtStats = withBonus.stats();
      }
      List<ScoredRollout> scored = rollouts.scored();
      AdvantageEstimator.Estimate estimate = estimator.estimate(scored);
      long u0 = System.nanoTime();
      PolicyUpdate.Stats stats = update.apply(policy, reference, rollouts, estimate.advantages());
      double updateMs = (System.nanoTime() - u0) / 1e6;
      if (curriculum != null) {
        updateCurriculum(curriculum, scored, estimate);
      }
      double stepSeconds = (System.nanoTime() - grpoStart) / 1e9 / (step - startStep);
      StepMetrics.Builder m =
          StepMetrics.builder("grpo", step - startStep, config.steps())
              .loss(stats.loss())
              .reward(rollouts.meanReward())
              .accuracy(rollouts.accuracy())
              .entropy(stats.entropy())
              .kl(stats.kl())
              .clipFraction(stats.clipFraction())
              .kept(estimate.advantages().size())
              .masked(estimate.masked())
              .nullRewards(estimate.nullReward())
              .filteredGroups(estimate.filteredGroups())
              .tokensPerSecond(rollouts.tokens() / Math.max(1e-9, rollouts.generationMs() / 1e3))
              .generationMs(rollouts.generationMs())
              .rewardMs(rollouts.rewardWaitMs())
              .rewardLatencyMs(rewards.meanLatencyMs())
              .updateMs(updateMs)
              .elapsedSeconds(events.elapsed())
              .etaSeconds(stepSeconds * (last - step))
              .curriculum(curriculum == null ? null : curriculum.probabilities())
              .mrt(mrtStats);
      if (mrtStats != null) {
        mrtCost.add(
            mrtStats,
            rollouts.scored().size(),
            rollouts.generationMs() + rollouts.rewardWaitMs() + updateMs + mrtStats.ms());
      }
      if (config.evalEvery() > 0 && step < last && (step - startStep) % config.evalEvery() == 0) {
        m.heldOutAccuracy(evaluation.heldOutAccuracy(policy, heldOut, rewards));
      }
      events.step(m.build());
      if (config.checkpointEvery() > 0 && (step - startStep) % config.checkpointEvery() == 0) {
        Checkpoint.save(runDir.resolve("checkpoint"), policy, step);
      }
    }
    return step;
  }

  private static void updateCurriculum(
      SelfEvolvingCurriculum curriculum,
      List<ScoredRollout> scored,
      AdvantageEstimator.Estimate estimate) {
    Map<String, double[]> byCategory = new HashMap<>();
    for (ScoredRollout r : scored) {
      if (!r.usable()) {
        continue;
      }
      double a = Math.abs(estimate.advantages().getOrDefault(r.id(), 0.0));
      double[] acc = byCategory.computeIfAbsent(r.category(), c -> new double[2]);
      acc[0] += a;
      acc[1]++;
    }
    byCategory.forEach((c, acc) -> curriculum.update(c, acc[0] / acc[1]));
  }

  /**
   * Held-out numbers and timing of a finished run.
   *
   * @param filter what the instance filter did (null when off)
   * @param mrt what the MRT progress bonus cost per GRPO step (null when off)
   */
  public record RunSummary(
      long seed,
      int heldOutSize,
      int warmUpSteps,
      double heldOutBefore,
      Double heldOutAfter,
      int grpoSteps,
      double seconds,
      double rewardLatencyMs,
      boolean stopped,
      FilterReport filter,
      MrtCost mrt) {}
}
