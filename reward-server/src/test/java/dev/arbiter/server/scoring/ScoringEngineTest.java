package dev.arbiter.server.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class ScoringEngineTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private ScorerPools pools;

  @AfterEach
  void tearDown() {
    if (pools != null) {
      pools.close();
    }
  }

  private ScoringEngine engine(int workers, int queue, Scorer... scorers) {
    pools = new ScorerPools(workers, queue);
    return new ScoringEngine(
        new ScorerRegistry(List.of(scorers)),
        pools,
        new ScoringMetrics(new SimpleMeterRegistry()),
        32,
        Duration.ofMillis(100));
  }

  private static List<ScoreItem> items(String scorer, int n) {
    List<ScoreItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new ScoreItem(scorer + i, scorer, null, "1", Map.of(), Map.of(), null));
    }
    return items;
  }

  @Test
  void score_itemPastItsTimeLimitIsInterruptedAndMasked() throws InterruptedException {
    BlockingScorer stuck = new BlockingScorer("stuck", Duration.ofMillis(200));
    ScoringEngine engine = engine(2, 16, stuck);

    List<ScoreResult> results = engine.score(items("stuck", 1)).block(WAIT);

    assertThat(results).hasSize(1);
    assertThat(results.get(0).status()).isEqualTo(ScoreStatus.ERROR);
    assertThat(results.get(0).mask()).isTrue();
    assertThat(results.get(0).details().get("reason").toString())
        .contains("ran past its declared worst-case time of 300 ms");
    assertThat(stuck.interrupted.await(30, TimeUnit.SECONDS))
        .as("the worker running the item was interrupted")
        .isTrue();
  }

  @Test
  void score_oneScorersSaturatedPoolNeverDelaysAnothersItems() throws InterruptedException {
    BlockingScorer stuck = new BlockingScorer("stuck", Duration.ofMinutes(10));
    ScoringEngine engine = engine(2, 64, stuck, new EchoScorer("fast"));
    List<ScoreResult> pending = new ArrayList<>();
    // 20 items that never finish on their own hold every worker of 'stuck' and queue behind them
    Disposable saturated = engine.score(items("stuck", 20)).subscribe(pending::addAll);
    assertThat(stuck.started.await(30, TimeUnit.SECONDS)).isTrue();

    List<ScoreResult> fast = engine.score(items("fast", 16)).block(WAIT);

    assertThat(fast).hasSize(16).allSatisfy(r -> assertThat(r.status()).isEqualTo(ScoreStatus.OK));
    assertThat(pending).as("the stuck items are still running").isEmpty();
    saturated.dispose();
    assertThat(stuck.interrupted.await(30, TimeUnit.SECONDS))
        .as("cancelling the request interrupts its running work")
        .isTrue();
  }

  @Test
  void score_slowItemsWithinTheirLimitsAreNeverMaskedWhateverTheBatchSize() {
    // each item takes 20 ms against a declared 1 s: a 64-item batch on 2 workers takes far longer
    // than one item's limit, and no item may be masked for that
    Scorer slow =
        new EchoScorer("slow") {
          @Override
          public ScoreResult score(ScoreItem item) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.score(item);
          }

          @Override
          public Duration timeLimit(ScoreItem item) {
            return Duration.ofSeconds(1);
          }
        };
    ScoringEngine engine = engine(2, 64, slow);

    List<ScoreResult> results = engine.score(items("slow", 64)).block(WAIT);

    assertThat(results).hasSize(64).allSatisfy(r -> assertThat(r.mask()).isFalse());
  }

  @Test
  void score_optionsTheScorerRefusesMakeOnlyThatItemInvalidRequest() {
    Scorer picky =
        new EchoScorer("picky") {
          @Override
          public void checkRequest(ScoreItem item) {
            if (item.options().containsKey("bogus")) {
              throw new RequestProblem(ProblemType.INVALID_REQUEST, "option 'bogus' is unknown");
            }
          }
        };
    ScoringEngine engine = engine(2, 64, picky);
    List<ScoreItem> items =
        List.of(
            new ScoreItem("a", "picky", null, "1", Map.of(), Map.of("bogus", 1), null),
            new ScoreItem("b", "picky", null, "1", Map.of(), Map.of(), null));

    List<ScoreResult> results = engine.score(items).block(WAIT);

    assertThat(results.get(0).status()).isEqualTo(ScoreStatus.INVALID_REQUEST);
    assertThat(results.get(0).mask()).isFalse();
    assertThat(results.get(0).details()).containsEntry("reason", "option 'bogus' is unknown");
    assertThat(results.get(1).status()).isEqualTo(ScoreStatus.OK);
  }

  @Test
  void score_fullQueueOfOneScorerIsOverloaded() throws InterruptedException {
    BlockingScorer stuck = new BlockingScorer("stuck", Duration.ofMinutes(10));
    ScoringEngine engine = engine(1, 1, stuck, new EchoScorer("fast"));
    Disposable running = engine.score(items("stuck", 1)).subscribe();
    assertThat(stuck.started.await(30, TimeUnit.SECONDS)).isTrue();
    Disposable queued = engine.score(items("stuck", 1)).subscribe();

    List<ScoreResult> refused = engine.score(items("stuck", 1)).block(WAIT);
    List<ScoreResult> fast = engine.score(items("fast", 1)).block(WAIT);

    assertThat(refused.get(0).status()).isEqualTo(ScoreStatus.OVERLOADED);
    assertThat(refused.get(0).mask()).isTrue();
    assertThat(fast.get(0).status()).isEqualTo(ScoreStatus.OK);
    running.dispose();
    queued.dispose();
  }

  @Test
  void score_batchPastItsTimeLimitIsInterruptedAndMasked() throws InterruptedException {
    BlockingScorer stuck =
        new BlockingScorer("batch", Duration.ofMillis(100)) {
          @Override
          public int preferredBatchSize() {
            return 4;
          }
        };
    ScoringEngine engine = engine(2, 16, stuck);

    List<ScoreResult> results = engine.score(items("batch", 3)).block(WAIT);

    assertThat(results)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(ScoreStatus.ERROR));
    // the batch's limit is the sum of its items' (3 x 100 ms) plus the grace
    assertThat(results.get(0).details().get("reason").toString()).contains("400 ms");
    assertThat(stuck.interrupted.await(30, TimeUnit.SECONDS)).isTrue();
  }

  /** Rewards 1 for every item. */
  static class EchoScorer implements Scorer {
    private final String id;

    EchoScorer(String id) {
      this.id = id;
    }

    @Override
    public ScorerDescriptor descriptor() {
      return new ScorerDescriptor(id, id + "/1", "test", Map.of(), Map.of());
    }

    @Override
    public ScoreResult score(ScoreItem item) {
      return ScoreResult.ok(item.id(), 1.0, Map.of(), Map.of());
    }
  }

  /** Blocks every item until interrupted, and records that it was. */
  static class BlockingScorer extends EchoScorer {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    final AtomicInteger running = new AtomicInteger();
    private final Duration limit;

    BlockingScorer(String id, Duration limit) {
      super(id);
      this.limit = limit;
    }

    @Override
    public Duration timeLimit(ScoreItem item) {
      return limit;
    }

    @Override
    public ScoreResult score(ScoreItem item) {
      running.incrementAndGet();
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
      }
      return ScoreResult.ok(item.id(), 1.0, Map.of(), Map.of());
    }
  }
}
