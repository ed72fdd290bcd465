package dev.arbiter.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.client.RewardClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The one-process suite under mixed load: infinite-loop code items fill the code scorer's sandbox
 * slots and queue, and math items still come back as verdicts (each scorer has its own workers,
 * time limit and breaker). No wall-clock ratio is asserted; the latency figure is {@code
 * MixedLoadHarness}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MixedLoadIT {

  @LocalServerPort int port;

  @Test
  void score_noMathItemIsMaskedWhileCodeIsSaturated() throws Exception {
    RewardClient client = RewardClient.create("http://127.0.0.1:" + port, Duration.ofMinutes(10));
    List<CompletableFuture<ScoreResponse>> loops = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      loops.add(client.score(ScoreRequest.of(List.of(loopItem(i)))));
    }

    List<ScoreResult> math = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      math.addAll(client.score(ScoreRequest.of(List.of(mathItem(i)))).join().results());
    }
    long pending = loops.stream().filter(f -> !f.isDone()).count();

    assertThat(pending)
        .as("code was still saturated when the math items were answered")
        .isPositive();
    assertThat(math)
        .hasSize(20)
        .allSatisfy(
            r -> {
              assertThat(r.mask()).isFalse();
              assertThat(r.status()).isEqualTo(ScoreStatus.OK);
              assertThat(r.reward()).isEqualTo(1.0);
            });
    for (CompletableFuture<ScoreResponse> f : loops) {
      ScoreResult loop = f.get(10, TimeUnit.MINUTES).results().get(0);
      // an infinite loop is a verdict at the floor, never masked
      assertThat(loop.mask()).as("loop %s: %s", loop.id(), loop.details()).isFalse();
      assertThat(loop.reward()).isEqualTo(0.0);
    }
  }

  private static ScoreItem mathItem(int i) {
    return new ScoreItem(
        "m" + i,
        "math",
        null,
        "so the answer is \\boxed{\\frac{3}{4}}",
        Map.of("answer", "0.75"),
        Map.of(),
        null);
  }

  private static ScoreItem loopItem(int i) {
    return new ScoreItem(
        "loop" + i,
        "code",
        null,
        "```python\nwhile True:\n    pass\n```",
        Map.of("language", "python", "tests", List.of(Map.of("stdin", "", "stdout", "1\n"))),
        Map.of("run_timeout_s", 3),
        null);
  }
}
