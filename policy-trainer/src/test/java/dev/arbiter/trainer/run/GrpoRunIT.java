package dev.arbiter.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.testing.scorer.MathScorerTestApp;
import dev.arbiter.trainer.filter.FilterReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A short end-to-end run against a real scorer service over HTTP (tiny model, few steps). */
@SpringBootTest(
    classes = MathScorerTestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GrpoRunIT {

  @LocalServerPort int port;
  @TempDir Path dir;

  static RunConfig tiny(String gatewayUrl, Path out, Map<String, Object> overrides) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("gateway_url", gatewayUrl);
    values.put("embedding", 16);
    values.put("heads", 2);
    values.put("layers", 1);
    values.put("sft_steps", 10);
    values.put("sft_batch", 8);
    values.put("steps", 3);
    values.put("prompts_per_step", 4);
    values.put("group_size", 4);
    values.put("score_chunks", 2);
    values.put("ops", List.of("add", "sub"));
    values.put("levels", List.of(1));
    values.put("held_out", 8);
    values.put("eval_every", 2);
    values.put("output_dir", out.toString());
    values.putAll(overrides);
    return ArbiterJson.mapper().convertValue(values, RunConfig.class);
  }

  @Test
  void run_trainsThroughTheScorerAndWritesItsReport() throws Exception {
    RunConfig config =
        tiny(
            "http://localhost:" + port,
            dir,
            Map.of(
                "kl_beta",
                0.05,
                "update_epochs",
                2,
                "curriculum",
                true,
                // an untrained tiny model scores 0 everywhere: keep those groups so the update
                // path (forward, backward, optimizer step) runs on every step
                "filter_zero_variance",
                false));
    List<StepMetrics> steps = new ArrayList<>();
    RunListener collect = steps::add;
    RunReport report = new RunReport(dir.resolve("run"));
    GrpoRun run = new GrpoRun(config, dir.resolve("run"), List.of(collect, report));
    GrpoRun.RunSummary summary = run.run();
    report.finish(config, summary);

    List<StepMetrics> grpo = steps.stream().filter(m -> m.phase().equals("grpo")).toList();
    assertThat(steps).anyMatch(m -> m.phase().equals("sft"));
    assertThat(grpo).hasSize(3);
    for (StepMetrics m : grpo) {
      assertThat(m.loss()).isFinite();
      assertThat(m.entropy()).isPositive();
      assertThat(m.kept()).isEqualTo(16);
      assertThat(m.rewardLatencyMs()).isPositive();
      assertThat(m.curriculum()).containsKeys("add/1", "sub/1");
      assertThat(m.mrt()).isNull();
    }
    assertThat(grpo.get(1).heldOutAccuracy()).isNotNull();
    assertThat(summary.grpoSteps()).isEqualTo(3);
    assertThat(summary.filter()).isNull();
    assertThat(summary.mrt()).isNull();
    // measured after the last step (heldOut_isTheShareTheScorerJudgedSolved checks its value)
    assertThat(summary.heldOutAfter()).isNotNull();
    assertThat(Files.readAllLines(dir.resolve("run/metrics.jsonl"))).hasSize(steps.size());
    assertThat(Files.size(dir.resolve("run/curve.png"))).isPositive();
    assertThat(Files.readString(dir.resolve("run/report.html"))).contains("after GRPO");
    assertThat(Checkpoint.read(dir.resolve("run/checkpoint")).step()).isEqualTo(3);

    // resume continues the step count from the checkpoint and skips the warm-up
    List<StepMetrics> resumed = new ArrayList<>();
    RunConfig again =
        tiny(
            "http://localhost:" + port,
            dir,
            Map.of(
                "resume",
                dir.resolve("run/checkpoint").toString(),
                "steps",
                1,
                // keep the all-zero groups: the update must run on the loaded weights
                "filter_zero_variance",
                false));
    GrpoRun.RunSummary second =
        new GrpoRun(again, dir.resolve("run2"), List.of(resumed::add)).run();
    assertThat(resumed).noneMatch(m -> m.phase().equals("sft"));
    assertThat(second.grpoSteps()).isEqualTo(1);
    assertThat(resumed).singleElement().satisfies(m -> assertThat(m.kept()).isEqualTo(16));
    assertThat(Checkpoint.read(dir.resolve("run2/checkpoint")).step()).isEqualTo(4);
  }

  @Test
  void filter_dropsInstancesWithoutSignalBeforeTraining() throws Exception {
    // 10 prompts per mode; the held-out set takes one of each (categories in turn)
    Path dataset = modesDataset("modes.jsonl", 10, "floor", "solved", "mixed");
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("dataset", dataset.toString());
    overrides.put("held_out", 3);
    overrides.put("filter_k", 2);
    overrides.put("filter_drop_solved", true);
    overrides.put("curriculum", true);
    overrides.put("steps", 2);
    List<StepMetrics> steps = new ArrayList<>();
    GrpoRun.RunSummary summary =
        new GrpoRun(
                tiny("http://localhost:" + port, dir, overrides),
                dir.resolve("f"),
                List.of(steps::add))
            .run();

    FilterReport filter = summary.filter();
    assertThat(filter.k()).isEqualTo(2);
    assertThat(filter.instances()).isEqualTo(27);
    assertThat(filter.droppedAllFloor()).isEqualTo(9);
    assertThat(filter.droppedAllSolved()).isEqualTo(9);
    assertThat(filter.kept()).isEqualTo(9);
    assertThat(filter.unjudged()).isZero();
    assertThat(filter.droppedShare()).isCloseTo(18 / 27.0, within(1e-9));
    assertThat(filter.keptByCategory()).containsExactly(Map.entry("mixed", 9));
    assertThat(filter.gatewayItems()).isEqualTo(54);
    // GRPO drew only from the kept instances: the curriculum's arms are the kept categories
    List<StepMetrics> grpo = steps.stream().filter(m -> m.phase().equals("grpo")).toList();
    assertThat(grpo)
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.curriculum()).containsOnlyKeys("mixed"));
    // one rollout in four solved (r0 of each group of 4), none dropped as zero-variance
    assertThat(grpo).allSatisfy(m -> assertThat(m.accuracy()).isEqualTo(0.25));
    assertThat(grpo).allSatisfy(m -> assertThat(m.filteredGroups()).isZero());
  }

  @Test
  void mrt_addsTheProgressOfEachPrefixToTheReward() throws Exception {
    // marker mode: the forced answer from a prefix of n characters scores n / 10, the rollouts
    // themselves 0, so each character step makes exactly 0.1 of progress
    Path dataset = dir.resolve("marker.jsonl");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      jsonl.append(
          String.format(
              "{\"prompt\":\"m%d=\",\"reference\":{\"mode\":\"marker\"},"
                  + "\"scorer\":\"scripted\"}%n",
              i));
    }
    Files.writeString(dataset, jsonl);
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("dataset", dataset.toString());
    overrides.put("format_weight", 0.0);
    overrides.put("filter_zero_variance", false);
    overrides.put("mrt_alpha", 0.5);
    overrides.put("mrt_k", 2);
    overrides.put("mrt_split", "char");
    overrides.put("mrt_suffix", MathScorerTestApp.MARKER);
    overrides.put("steps", 2);
    List<StepMetrics> steps = new ArrayList<>();
    GrpoRun.RunSummary summary =
        new GrpoRun(
                tiny("http://localhost:" + port, dir, overrides),
                dir.resolve("m"),
                List.of(steps::add))
            .run();

    List<StepMetrics> grpo = steps.stream().filter(m -> m.phase().equals("grpo")).toList();
    assertThat(grpo).hasSize(2);
    for (StepMetrics m : grpo) {
      StepMetrics.Mrt mrt = m.mrt();
      assertThat(mrt.meanProgress()).isCloseTo(0.1, within(1e-9));
      assertThat(mrt.negativeShare()).isZero();
      assertThat(mrt.unestimated()).isZero();
      assertThat(mrt.scoreWaitMs()).isBetween(0.0, mrt.ms());
      assertThat(mrt.gatewayItems()).isEqualTo(2 * mrt.prefixes());
      // 4 prompts: at least their empty prefixes, at most every prefix of 16 responses
      assertThat(mrt.prefixes()).isBetween(5, 4 + 16 * 6);
      // the outcome is 0 and there is no format weight: the training reward is the bonus alone,
      // 0.5 x 0.1 per character
      assertThat(mrt.meanBonus()).isPositive();
      assertThat(m.reward()).isCloseTo(mrt.meanBonus(), within(1e-9));
      assertThat(m.kept()).isEqualTo(16);
    }
    assertThat(summary.mrt().steps()).isEqualTo(2);
    assertThat(summary.mrt().rolloutItemsPerStep()).isEqualTo(16.0);
    assertThat(summary.mrt().gatewayItemsPerStep())
        .isEqualTo((grpo.get(0).mrt().gatewayItems() + grpo.get(1).mrt().gatewayItems()) / 2.0);
    assertThat(summary.filter()).isNull();
  }

  @Test
  void heldOut_isTheShareTheScorerJudgedSolved() throws Exception {
    // half the prompts are always solved, half never: the held-out set takes them in turn, so
    // its accuracy is exactly one half before and after GRPO whatever the policy writes
    Path dataset = modesDataset("half.jsonl", 6, "solved", "floor");
    Map<String, Object> overrides =
        Map.of("dataset", dataset.toString(), "held_out", 6, "steps", 1);
    GrpoRun.RunSummary summary =
        new GrpoRun(tiny("http://localhost:" + port, dir, overrides), dir.resolve("h"), List.of())
            .run();
    assertThat(summary.heldOutSize()).isEqualTo(6);
    assertThat(summary.heldOutBefore()).isEqualTo(0.5);
    assertThat(summary.heldOutAfter()).isEqualTo(0.5);
  }

  @Test
  void warmUp_endsOnceTheValidationTargetIsReached() throws Exception {
    // every problem has the same answer: a tiny model learns to say it within a few dozen steps
    Path dataset = dir.resolve("constant.jsonl");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      jsonl.append("{\"prompt\":\"q").append(i).append("=\",\"reference\":{\"answer\":\"7\"}}\n");
    }
    Files.writeString(dataset, jsonl);
    Map<String, Object> overrides =
        Map.of(
            "dataset",
            dataset.toString(),
            "sft_steps",
            300,
            "sft_target",
            0.9,
            "steps",
            1,
            "filter_zero_variance",
            false);
    GrpoRun.RunSummary summary =
        new GrpoRun(tiny("http://localhost:" + port, dir, overrides), dir.resolve("t"), List.of())
            .run();
    assertThat(summary.warmUpSteps()).isLessThan(300).isPositive();
    assertThat(summary.warmUpSteps() % 10).isZero();
    // the stop rule judged a validation set disjoint from the held-out one; the held-out figure
    // comes from the scorer and agrees with it
    assertThat(summary.heldOutBefore()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void warmUp_withoutATarget_runsEveryStep() throws Exception {
    Map<String, Object> overrides =
        Map.of("sft_steps", 20, "sft_target", 0.0, "steps", 1, "filter_zero_variance", false);
    GrpoRun.RunSummary summary =
        new GrpoRun(tiny("http://localhost:" + port, dir, overrides), dir.resolve("t"), List.of())
            .run();
    assertThat(summary.warmUpSteps()).isEqualTo(20);
  }

  @Test
  void run_sameSeedAndConfig_reproducesEveryMetric() throws Exception {
    Map<String, Object> overrides =
        Map.of("sft_steps", 10, "steps", 2, "filter_zero_variance", false);
    List<List<Object>> first = numbers(42, overrides);
    List<List<Object>> second = numbers(42, overrides);
    List<List<Object>> otherSeed = numbers(7, overrides);

    assertThat(first).hasSize(1 + 2 + 1); // sft step 10, two grpo steps, the summary
    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  /** Everything a run measures except timings, step by step, then the held-out summary. */
  /**
   * A dataset in {@code dir} of {@code perMode} prompts for each of the scripted scorer's {@code
   * modes}, mode after mode, each mode its own category.
   */
  private Path modesDataset(String file, int perMode, String... modes) throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (String mode : modes) {
      for (int i = 0; i < perMode; i++) {
        jsonl.append(
            String.format(
                "{\"prompt\":\"%s%d=\",\"reference\":{\"mode\":\"%s\"},"
                    + "\"scorer\":\"scripted\",\"category\":\"%s\"}%n",
                mode.charAt(0), i, mode, mode));
      }
    }
    return Files.writeString(dir.resolve(file), jsonl);
  }

  private List<List<Object>> numbers(long seed, Map<String, Object> overrides) throws Exception {
    Map<String, Object> values = new LinkedHashMap<>(overrides);
    values.put("seed", seed);
    RunConfig config = tiny("http://localhost:" + port, dir, values);
    List<List<Object>> out = new ArrayList<>();
    RunListener collect =
        m ->
            out.add(
                Arrays.asList(
                    m.phase(),
                    m.step(),
                    m.loss(),
                    m.reward(),
                    m.accuracy(),
                    m.entropy(),
                    m.kept(),
                    m.filteredGroups(),
                    m.heldOutAccuracy()));
    GrpoRun.RunSummary summary =
        new GrpoRun(config, dir.resolve("seed" + seed + "-" + System.nanoTime()), List.of(collect))
            .run();
    out.add(List.of(summary.heldOutBefore(), summary.heldOutAfter()));
    return out;
  }
}
