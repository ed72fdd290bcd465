package dev.arbiter.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.testing.scorer.MathScorerTestApp;
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
    }
    assertThat(grpo.get(1).heldOutAccuracy()).isNotNull();
    assertThat(summary.grpoSteps()).isEqualTo(3);
    assertThat(summary.heldOutAfter()).isBetween(0.0, 1.0);
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
            Map.of("resume", dir.resolve("run/checkpoint").toString(), "steps", 1));
    GrpoRun.RunSummary second =
        new GrpoRun(again, dir.resolve("run2"), List.of(resumed::add)).run();
    assertThat(resumed).noneMatch(m -> m.phase().equals("sft"));
    assertThat(second.grpoSteps()).isEqualTo(1);
    assertThat(Checkpoint.read(dir.resolve("run2/checkpoint")).step()).isEqualTo(4);
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
