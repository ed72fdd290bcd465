package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.gateway.support.Apps;
import dev.arbiter.gateway.support.ScriptedScorers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-process shape: every scorer in-process behind the gateway, each with its own workers,
 * time limit and circuit breaker. {@code spin} stands for infinite-loop code items, {@code echo}
 * for math: no echo item may be masked or wait for spin's queue.
 */
class InProcessIsolationIT {

  static ConfigurableApplicationContext gateway;
  static RewardClient client;

  @BeforeAll
  static void start() {
    gateway =
        Apps.gateway(
            "arbiter.scoring.workers=2",
            "arbiter.scoring.time-limit-grace=200ms",
            "arbiter.gateway.cache.enabled=false");
    client = RewardClient.create("http://127.0.0.1:" + Apps.port(gateway), Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static List<ScoreItem> items(String scorer, int n, Map<String, Object> options) {
    List<ScoreItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new ScoreItem(scorer + i, scorer, null, "0.5", Map.of(), options, null));
    }
    return items;
  }

  @Test
  void score_noEchoItemIsMaskedWhileSpinIsSaturated() throws Exception {
    int startedBefore = ScriptedScorers.SPIN_STARTED.get();
    int interruptedBefore = ScriptedScorers.SPIN_INTERRUPTED.get();
    // 20 requests of one looping item each: spin's 2 workers are busy and 18 wait in its queue
    List<CompletableFuture<ScoreResponse>> spinning = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      spinning.add(client.score(ScoreRequest.of(items("spin", 1, Map.of()))));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ScriptedScorers.SPIN_STARTED.get() > startedBefore);

    List<ScoreResult> echo = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      echo.addAll(client.score(ScoreRequest.of(items("echo", 16, Map.of()))).join().results());
    }

    assertThat(echo)
        .hasSize(80)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(ScoreStatus.OK);
              assertThat(r.mask()).isFalse();
              assertThat(r.reward()).isEqualTo(0.5);
            });
    List<ScoreResult> spun = new ArrayList<>();
    for (CompletableFuture<ScoreResponse> f : spinning) {
      spun.addAll(f.get(120, TimeUnit.SECONDS).results());
    }
    // every looping item ends masked (its own limit, or spin's own breaker failing fast), none
    // with a reward, and the loops that ran were interrupted
    assertThat(spun)
        .hasSize(20)
        .allSatisfy(
            r -> {
              assertThat(r.mask()).isTrue();
              assertThat(r.reward()).isNull();
            });
    int started = ScriptedScorers.SPIN_STARTED.get() - startedBefore;
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ScriptedScorers.SPIN_INTERRUPTED.get() - interruptedBefore)
                    .isEqualTo(started));
  }

  @Test
  void score_optionsAnInProcessScorerRefusesAreInvalidRequestForThatItemOnly() {
    List<ScoreItem> items = new ArrayList<>(items("echo", 1, Map.of("mode", "bogus")));
    items.add(new ScoreItem("fine", "echo", null, "1", Map.of(), Map.of(), null));

    List<ScoreResult> results = client.score(ScoreRequest.of(items)).join().results();

    assertThat(results.get(0).status()).isEqualTo(ScoreStatus.INVALID_REQUEST);
    assertThat(results.get(0).mask()).isFalse();
    assertThat(results.get(0).details()).containsEntry("reason", "mode 'bogus' is unknown");
    assertThat(results.get(1).status()).isEqualTo(ScoreStatus.OK);
  }
}
