package dev.arbiter.trainer.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.trainer.curriculum.SelfEvolvingCurriculum;
import dev.arbiter.trainer.grpo.AdvantageEstimator;
import dev.arbiter.trainer.grpo.GrpoObjective;
import dev.arbiter.trainer.grpo.ScoredRollout;
import dev.arbiter.trainer.model.CharTokenizer;
import dev.arbiter.trainer.model.Policy;
import dev.arbiter.trainer.model.PolicyConfig;
import dev.arbiter.trainer.model.SequenceBatch;
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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * One training run: supervised warm-up, held-out evaluation, GRPO steps against the gateway,
 * held-out evaluation again, checkpoint. Runs on the calling thread; {@link #stop()} ends it after
 * the current step.
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
  private long started;
  private int skippedUpdates;

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
    started = System.nanoTime();
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
    event(
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
      event(
          "MKL_CBWR is not set: same-seed runs in different processes can drift apart; set"
              + " MKL_CBWR=COMPATIBLE for bitwise-reproducible runs (the demo command does)");
    }
    int startStep = 0;
    Policy policy;
    if (config.resume() != null) {
      Path resume = Path.of(config.resume());
      policy = Checkpoint.load(resume, device);
      startStep = Checkpoint.read(resume).step();
      event("resumed " + resume + " at step " + startStep);
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
    int warmUpSteps = 0;
    try (policy) {
      event("policy parameters: " + policy.parameterCount());
      if (config.resume() == null) {
        warmUpSteps = warmUp(policy, tasks, heldOutPrompts);
      }
      double before = evaluate(policy, heldOut, rewards);
      event(String.format("held-out accuracy after warm-up: %.3f", before));
      Double after = null;
      int done = startStep;
      try (Policy reference = config.klBeta() > 0 ? policy.copy() : null) {
        done = grpo(policy, reference, tasks, heldOutPrompts, heldOut, rewards, startStep);
        after = evaluate(policy, heldOut, rewards);
        event(String.format("held-out accuracy after GRPO: %.3f", after));
      }
      Checkpoint.save(runDir.resolve("checkpoint"), policy, done);
      double seconds = (System.nanoTime() - started) / 1e9;
      return new RunSummary(
          config.seed(),
          heldOut.size(),
          warmUpSteps,
          before,
          after,
          done - startStep,
          seconds,
          rewards.meanLatencyMs(),
          stopped.get());
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

  // ---- supervised warm-up -------------------------------------------------------------------

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

  /** Greedy exact-match accuracy against the tasks' gold answers (no scorer involved). */
  private double exactMatch(Policy policy, List<Task> set) {
    List<String> answers = greedyAnswers(policy, set);
    int correct = 0;
    for (int i = 0; i < answers.size(); i++) {
      correct += answers.get(i).trim().equals(set.get(i).answer().trim()) ? 1 : 0;
    }
    return (double) correct / Math.max(1, answers.size());
  }

  /** The policy's greedy response to each task's prompt, decoded. */
  private List<String> greedyAnswers(Policy policy, List<Task> tasks) {
    List<int[]> prompts = tasks.stream().map(t -> tokenizer.encodePrompt(t.prompt())).toList();
    int[][] out = policy.generate(prompts, config.maxNewTokens(), TokenSampler.greedy(), random);
    List<String> answers = new ArrayList<>(out.length);
    for (int[] tokens : out) {
      answers.add(tokenizer.decode(tokens, 0, tokens.length));
    }
    return answers;
  }

  /** Runs the supervised warm-up; returns the steps it took. */
  private int warmUp(Policy policy, TaskSource tasks, Set<String> heldOut) {
    // a linear ramp over the first 5% keeps Adam's first, noisy steps from a loss spike
    int rampSteps = Math.max(1, config.sftSteps() / 20);
    Optimizer adam =
        Optimizer.adam()
            .optLearningRateTracker(
                Tracker.warmUp()
                    .optWarmUpSteps(rampSteps)
                    .optWarmUpBeginValue(config.sftLearningRate().floatValue() / 20)
                    .setMainTracker(
                        Tracker.cosine()
                            .setBaseValue(config.sftLearningRate().floatValue())
                            .optFinalValue(config.sftLearningRate().floatValue() / 10)
                            .setMaxUpdates(Math.max(1, config.sftSteps() - rampSteps))
                            .build())
                    .build())
            .optClipGrad(1f)
            .build();
    List<String> categories = tasks.categories();
    List<Task> validation = config.sftTarget() > 0 ? validationSet(tasks, heldOut) : List.of();
    int done = 0;
    for (int step = 1; step <= config.sftSteps() && !stopped.get(); step++) {
      done = step;
      long t0 = System.nanoTime();
      List<int[]> prompts = new ArrayList<>();
      List<int[]> targets = new ArrayList<>();
      for (int i = 0; i < config.sftBatch(); i++) {
        Task t = drawTraining(tasks, categories.get(random.nextInt(categories.size())), heldOut);
        if (t.answer() == null) {
          continue;
        }
        prompts.add(tokenizer.encodePrompt(t.prompt()));
        targets.add(tokenizer.encodeTarget(t.answer()));
      }
      if (prompts.isEmpty()) {
        event("warm-up skipped: the tasks' references have no 'answer'");
        return 0;
      }
      TrainingBatch batch = TrainingBatch.of(prompts, targets);
      double loss;
      try (NDManager scope = policy.manager().newSubManager();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = policy.logits(batch.sequences(), scope, true);
        NDArray mask = batch.maskArray(scope);
        NDArray logp = GrpoObjective.tokenLogProbs(logits, batch.targetArray(scope));
        NDArray nll =
            logp.mul(mask)
                .sum()
                .neg()
                .div(SequenceBatch.scalar(scope, Math.max(1, batch.tokens())));
        loss = nll.getFloat();
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException("warm-up loss is not finite at step " + step);
        }
        gc.backward(nll);
      }
      applyGradients(policy, adam);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (step % 10 == 0 || step == config.sftSteps()) {
        emit(
            new StepMetrics(
                "sft",
                step,
                config.sftSteps(),
                loss,
                null,
                null,
                null,
                null,
                null,
                prompts.size(),
                0,
                0,
                0,
                null,
                0,
                0,
                0,
                ms,
                null,
                elapsed(),
                ms / 1e3 * (config.sftSteps() - step),
                null));
      }
      if (!validation.isEmpty() && step % 10 == 0 && step < config.sftSteps()) {
        double accuracy = exactMatch(policy, validation);
        if (accuracy >= config.sftTarget()) {
          event(
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

  /**
   * One optimizer step over every parameter; a step whose gradients are not all finite is skipped
   * (and counted) rather than poisoning the weights, as mixed-precision trainers do.
   */
  private void applyGradients(Policy policy, Optimizer optimizer) {
    List<NDArray> grads = new ArrayList<>();
    boolean finite = true;
    for (Parameter p : policy.parameters()) {
      NDArray grad = p.getArray().getGradient();
      grads.add(grad);
      finite &= Float.isFinite(grad.abs().sum().getFloat());
    }
    List<Parameter> params = policy.parameters();
    for (int i = 0; i < grads.size(); i++) {
      try (NDArray grad = grads.get(i)) {
        if (finite) {
          optimizer.update(params.get(i).getId(), params.get(i).getArray(), grad);
        }
        // zero_() rather than grad * 0, which would keep a NaN or an infinity forever
        JniUtils.zeroGrad((PtNDArray) params.get(i).getArray());
      }
    }
    if (!finite) {
      skippedUpdates++;
      event("skipped an update with non-finite gradients (" + skippedUpdates + " so far)");
    }
  }

  // ---- GRPO --------------------------------------------------------------------------------

  private int grpo(
      Policy policy,
      Policy reference,
      TaskSource tasks,
      Set<String> heldOutPrompts,
      List<Task> heldOut,
      GatewayRewards rewards,
      int startStep)
      throws IOException {
    // a fresh Adam's first steps move every weight by about lr whatever its gradient: a short
    // linear ramp keeps that from wrecking the warm-up policy; the cosine decay after it lets the
    // policy settle instead of ending on whatever the last noisy updates did
    int updates = Math.max(1, config.steps() * config.updateEpochs());
    int ramp = Math.max(1, Math.min(20 * config.updateEpochs(), updates / 10));
    float lr = config.learningRate().floatValue();
    Optimizer adam =
        Optimizer.adam()
            .optLearningRateTracker(
                Tracker.warmUp()
                    .optWarmUpSteps(ramp)
                    .optWarmUpBeginValue(lr / 20)
                    .setMainTracker(
                        Tracker.cosine()
                            .setBaseValue(lr)
                            .optFinalValue(config.finalLearningRate().floatValue())
                            .setMaxUpdates(Math.max(1, updates - ramp))
                            .build())
                    .build())
            .optClipGrad(1f)
            .build();
    AdvantageEstimator estimator =
        new AdvantageEstimator(config.advantage(), config.filterZeroVariance());
    GrpoObjective objective =
        new GrpoObjective(config.clipEpsilon(), config.klBeta(), config.advantage());
    SelfEvolvingCurriculum curriculum =
        config.curriculum()
            ? new SelfEvolvingCurriculum(
                tasks.categories(), config.curriculumAlpha(), config.curriculumTemperature())
            : null;
    TokenSampler sampler = new TokenSampler(config.temperature(), config.topP());
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
      Rollouts rollouts = rollOut(policy, batch, sampler, rewards, "s" + step);
      List<ScoredRollout> scored = rollouts.scored();
      AdvantageEstimator.Estimate estimate = estimator.estimate(scored);
      long u0 = System.nanoTime();
      UpdateStats update = update(policy, reference, objective, adam, rollouts, estimate);
      double updateMs = (System.nanoTime() - u0) / 1e6;
      if (curriculum != null) {
        updateCurriculum(curriculum, scored, estimate);
      }
      double stepSeconds = (System.nanoTime() - grpoStart) / 1e9 / (step - startStep);
      StepMetrics m =
          new StepMetrics(
              "grpo",
              step - startStep,
              config.steps(),
              update.loss,
              rollouts.meanReward(),
              rollouts.accuracy(),
              update.entropy,
              update.kl,
              update.clipFraction,
              estimate.advantages().size(),
              estimate.masked(),
              estimate.nullReward(),
              estimate.filteredGroups(),
              rollouts.tokens / Math.max(1e-9, rollouts.generationMs / 1e3),
              rollouts.generationMs,
              rollouts.rewardWaitMs,
              rewards.meanLatencyMs(),
              updateMs,
              null,
              elapsed(),
              stepSeconds * (last - step),
              curriculum == null ? null : curriculum.probabilities());
      if (config.evalEvery() > 0 && step < last && (step - startStep) % config.evalEvery() == 0) {
        m = m.withHeldOut(evaluate(policy, heldOut, rewards));
      }
      emit(m);
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

  /** Generation in chunks; chunk n is scored by the gateway while chunk n+1 is generated. */
  private Rollouts rollOut(
      Policy policy, List<Task> tasks, TokenSampler sampler, GatewayRewards rewards, String tag) {
    int g = config.groupSize();
    int chunks = Math.min(config.scoreChunks(), tasks.size());
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    List<ScoreItem> items = new ArrayList<>();
    List<Task> rowTask = new ArrayList<>();
    List<CompletableFuture<List<ScoreResult>>> pending = new ArrayList<>();
    long tokens = 0;
    long g0 = System.nanoTime();
    for (int c = 0; c < chunks; c++) {
      int from = c * tasks.size() / chunks;
      int to = (c + 1) * tasks.size() / chunks;
      List<int[]> chunkPrompts = new ArrayList<>();
      for (int p = from; p < to; p++) {
        int[] ids = tokenizer.encodePrompt(tasks.get(p).prompt());
        for (int k = 0; k < g; k++) {
          chunkPrompts.add(ids);
        }
      }
      int[][] out = policy.generate(chunkPrompts, config.maxNewTokens(), sampler, random);
      List<ScoreItem> chunkItems = new ArrayList<>();
      for (int i = 0; i < out.length; i++) {
        int p = from + i / g;
        Task task = tasks.get(p);
        String text = tokenizer.decode(out[i], 0, out[i].length);
        String group = tag + "-p" + p;
        ScoreItem item =
            new ScoreItem(
                group + "-r" + (i % g),
                task.scorer(),
                task.prompt(),
                text,
                task.reference(),
                Map.of(),
                group);
        chunkItems.add(item);
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
    try {
      for (CompletableFuture<List<ScoreResult>> f : pending) {
        results.addAll(f.join());
      }
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    double rewardWaitMs = (System.nanoTime() - w0) / 1e6;
    List<ScoredRollout> scored = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ScoreResult res = results.get(i);
      Task task = rowTask.get(i);
      boolean ended =
          responses.get(i).length > 0
              && responses.get(i)[responses.get(i).length - 1] == CharTokenizer.EOS;
      double format =
          ended && task.answerFormat().matcher(items.get(i).response()).matches() ? 1 : 0;
      Double reward = res.usable() ? res.reward() + config.formatWeight() * format : null;
      scored.add(
          new ScoredRollout(items.get(i).id(), items.get(i).group(), task.category(), res, reward));
    }
    return new Rollouts(prompts, responses, scored, tokens, generationMs, rewardWaitMs);
  }

  private UpdateStats update(
      Policy policy,
      Policy reference,
      GrpoObjective objective,
      Optimizer adam,
      Rollouts rollouts,
      AdvantageEstimator.Estimate estimate) {
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    List<Float> advantages = new ArrayList<>();
    for (int i = 0; i < rollouts.scored.size(); i++) {
      Double a = estimate.advantages().get(rollouts.scored.get(i).id());
      if (a != null && rollouts.responses.get(i).length > 0) {
        prompts.add(rollouts.prompts.get(i));
        responses.add(rollouts.responses.get(i));
        advantages.add(a.floatValue());
      }
    }
    if (prompts.isEmpty()) {
      return new UpdateStats(0, null, null, null);
    }
    TrainingBatch batch = TrainingBatch.of(prompts, responses);
    float[] adv = new float[advantages.size()];
    for (int i = 0; i < adv.length; i++) {
      adv[i] = advantages.get(i);
    }
    try (NDManager scope = policy.manager().newSubManager()) {
      NDArray targets = batch.targetArray(scope);
      NDArray mask = batch.maskArray(scope);
      NDArray advArray = SequenceBatch.aligned(scope.create(adv, new Shape(adv.length, 1)));
      NDArray old = null;
      NDArray ref = null;
      if (config.updateEpochs() > 1) {
        old = GrpoObjective.tokenLogProbs(policy.logits(batch.sequences(), scope, false), targets);
      }
      if (reference != null) {
        try (NDManager refScope = reference.manager().newSubManager()) {
          float[] values =
              GrpoObjective.tokenLogProbs(
                      reference.logits(batch.sequences(), refScope, false),
                      SequenceBatch.aligned(refScope.create(batch.targets(), targets.getShape())))
                  .toFloatArray();
          ref = SequenceBatch.aligned(scope.create(values, targets.getShape()));
        }
      }
      double loss = 0;
      double entropy = 0;
      GrpoObjective.Result result = null;
      for (int epoch = 0; epoch < config.updateEpochs(); epoch++) {
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
        applyGradients(policy, adam);
      }
      if (!Double.isFinite(loss)) {
        throw new IllegalStateException("GRPO loss is not finite: " + loss);
      }
      return new UpdateStats(loss, entropy, result.kl(), result.clipFraction());
    }
  }

  // ---- evaluation ----------------------------------------------------------------------------

  /** Greedy accuracy on the held-out set as judged by the gateway. */
  double evaluate(Policy policy, List<Task> heldOut, GatewayRewards rewards) {
    int correct = 0;
    int judged = 0;
    int chunk = 100;
    for (int from = 0; from < heldOut.size(); from += chunk) {
      List<Task> part = heldOut.subList(from, Math.min(heldOut.size(), from + chunk));
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
      List<ScoreResult> results;
      try {
        results = rewards.score(items).join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
      for (ScoreResult r : results) {
        if (r.usable()) {
          judged++;
          correct += r.reward() >= 0.999 ? 1 : 0;
        }
      }
    }
    return judged == 0 ? 0 : (double) correct / judged;
  }

  private double elapsed() {
    return (System.nanoTime() - started) / 1e9;
  }

  private void emit(StepMetrics m) {
    listeners.forEach(l -> l.onStep(m));
  }

  private void event(String message) {
    listeners.forEach(l -> l.onEvent(message));
  }

  private record UpdateStats(double loss, Double entropy, Double kl, Double clipFraction) {}

  private record Rollouts(
      List<int[]> prompts,
      List<int[]> responses,
      List<ScoredRollout> scored,
      long tokens,
      double generationMs,
      double rewardWaitMs) {

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
      long correct =
          scored.stream().filter(r -> r.usable() && r.result().reward() >= 0.999).count();
      return usable == 0 ? null : (double) correct / usable;
    }
  }

  /** Held-out numbers and timing of a finished run. */
  public record RunSummary(
      long seed,
      int heldOutSize,
      int warmUpSteps,
      double heldOutBefore,
      Double heldOutAfter,
      int grpoSteps,
      double seconds,
      double rewardLatencyMs,
      boolean stopped) {}
}
