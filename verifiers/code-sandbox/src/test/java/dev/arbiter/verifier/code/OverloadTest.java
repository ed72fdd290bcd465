package dev.arbiter.verifier.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.verifier.code.lang.Language;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.RunRequest;
import dev.arbiter.verifier.code.sandbox.Sandbox;
import dev.arbiter.verifier.code.sandbox.Termination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A full item queue answers overloaded (masked); the items that got in are still scored. */
class OverloadTest {

  /** A sandbox that holds each run until released and prints what the test expects. */
  static final class GatedSandbox implements Sandbox {
    final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public RunOutcome run(RunRequest request) {
      try {
        if (!gate.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the gate never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new RunOutcome(Termination.EXITED, 0, "3\n".getBytes(), new byte[0], 1);
    }

    @Override
    public Path newBox() throws IOException {
      return Files.createTempDirectory("overload-box");
    }

    @Override
    public String unavailableReason() {
      return null;
    }

    @Override
    public String describe() {
      return "gated";
    }
  }

  @Test
  void scoreBatch_beyondQueueIsOverloadedAndMasked() throws Exception {
    GatedSandbox sandbox = new GatedSandbox();
    Language python =
        new Language(
            "python",
            List.of("py"),
            "3",
            null,
            List.of(),
            List.of("python3", "/box/main.py"),
            Map.of(),
            List.of(),
            true,
            1);
    // One worker (held at the gate by the first item) and a queue of two: the other three items
    // are rejected. The gate opens at the third rejection, when every item has been submitted, so
    // no item can finish early and make room (no timing decides who gets in).
    AtomicInteger rejected = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1,
            1,
            1,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(2),
            (task, executor) -> {
              if (rejected.incrementAndGet() == 3) {
                sandbox.gate.countDown();
              }
              throw new RejectedExecutionException("queue full");
            });
    CodeScorer scorer =
        new CodeScorer(sandbox, new Languages(List.of(python)), CodeDefaults.standard(), pool, 16);
    List<ScoreItem> items = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      items.add(
          new ScoreItem(
              "i" + i,
              "code",
              null,
              "```python\nprint(3)\n```",
              Map.of("language", "python", "tests", List.of(Map.of("stdin", "", "stdout", "3\n"))),
              Map.of(),
              null));
    }
    List<ScoreResult> results = scorer.scoreBatch(items);
    pool.shutdown();
    assertThat(results).hasSize(6);
    assertThat(rejected).hasValue(3);
    assertThat(results.subList(0, 3)).allSatisfy(r -> assertThat(r.reward()).isEqualTo(1.0));
    assertThat(results.subList(3, 6))
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(ScoreStatus.OVERLOADED);
              assertThat(r.mask()).isTrue();
              assertThat(r.reward()).isNull();
            });
  }
}
