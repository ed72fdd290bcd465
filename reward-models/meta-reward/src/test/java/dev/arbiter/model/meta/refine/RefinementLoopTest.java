package dev.arbiter.model.meta.refine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.model.judge.JudgeClient;
import dev.arbiter.model.meta.InMemoryRubricStore;
import dev.arbiter.model.meta.ScriptedModels;
import dev.arbiter.model.meta.detect.DetectorBank;
import dev.arbiter.model.meta.rubric.RubricLimits;
import dev.arbiter.model.meta.store.RubricCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefinementLoopTest {

  final RubricCatalog catalog =
      new RubricCatalog(new InMemoryRubricStore(), Clock.systemUTC(), Duration.ZERO);
  final ScriptedModels models = new ScriptedModels();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  {
    ScriptedModels.seedEssay(catalog);
  }

  final JudgeClient meta = models.client();

  RefinementLoop loop(LoopSettings settings, java.util.concurrent.Executor executor) {
    return new RefinementLoop(
        catalog,
        new MetaRefiner(meta, "meta-model:m", RubricLimits.DEFAULT, 100, 100),
        new DetectorBank(DetectorBank.defaults(Map.of(), 8), 10, meters),
        settings,
        executor,
        meters);
  }

  static ScoredSample sample(int i, int total) {
    return new ScoredSample(
        "s" + i,
        "essay",
        1,
        "p",
        "an honest answer of some words number " + i,
        total,
        3,
        List.of(total));
  }

  @Test
  void accept_refinesEveryNItems() {
    RefinementLoop loop = loop(new LoopSettings(5, 20, false, 80, false, 100, 1000), Runnable::run);

    for (int i = 0; i < 4; i++) {
      loop.accept(sample(i, i % 3));
    }
    assertThat(catalog.current("essay").orElseThrow().version()).isEqualTo(1);
    loop.accept(sample(4, 1));

    assertThat(catalog.current("essay").orElseThrow().version()).isEqualTo(2);
    assertThat(catalog.current("essay").orElseThrow().trigger()).isEqualTo("count");
    assertThat(loop.status("essay").lastRefinement().status()).isEqualTo("published");
    assertThat(loop.status("essay").sinceRefinement()).isZero();
    assertThat(meters.get("arbiter.meta.refinements").tag("status", "published").counter().count())
        .isEqualTo(1);
  }

  @Test
  void accept_detectorAlarmTriggersRefinement() {
    RefinementLoop loop = loop(new LoopSettings(0, 20, true, 80, true, 100, 5), Runnable::run);

    for (int i = 0; i < 20; i++) {
      loop.accept(sample(i, 3)); // every item at the maximum: saturation
    }

    assertThat(catalog.current("essay").orElseThrow().trigger())
        .isEqualTo("detector:score_saturation");
    assertThat(loop.status("essay").detectors())
        .anySatisfy(
            r -> {
              assertThat(r.detector()).isEqualTo("score_saturation");
              assertThat(r.alarm()).isTrue();
            });
    assertThat(
            meters
                .get("arbiter.meta.detector.alarm")
                .tag("detector", "score_saturation")
                .gauge()
                .value())
        .isEqualTo(1.0);
    // the alarm stays raised: no second refinement until it clears and rises again
    assertThat(catalog.store().history("essay")).hasSize(2);
  }

  @Test
  void trigger_secondRequestWhileRunningIsSkipped() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      executor.submit(() -> release.await(5, TimeUnit.SECONDS));
      RefinementLoop loop = loop(new LoopSettings(0, 20, false, 80, false, 100, 1000), executor);
      loop.accept(sample(0, 1));

      var first = loop.trigger("essay", "api");
      var second = loop.trigger("essay", "api");
      assertThat(second.get().status()).isEqualTo("skipped");
      release.countDown();

      assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo("published");
      assertThat(catalog.store().history("essay")).hasSize(2);
    } finally {
      executor.shutdownNow();
    }
  }
}
