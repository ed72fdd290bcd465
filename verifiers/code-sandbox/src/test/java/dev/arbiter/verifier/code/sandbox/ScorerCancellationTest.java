package dev.arbiter.verifier.code.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.verifier.code.CodeDefaults;
import dev.arbiter.verifier.code.CodeScorer;
import dev.arbiter.verifier.code.lang.Languages;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The serving layer cancels an item it gave up on by interrupting the thread in {@code scoreBatch}:
 * the interrupt reaches the item's worker and every concurrent test run, and the sandbox kills
 * their programs, long before their own run timeout would.
 */
class ScorerCancellationTest {

  private static final String LOOP = "```python\nwhile True:\n    pass\n```";

  @Test
  void scoreBatch_interruptKillsEveryRunOfTheItem() throws Exception {
    BubblewrapSandbox.Settings settings =
        Sandboxes.settings(61570, 2, true, Sandboxes.scratch("locks"), true);
    BubblewrapSandbox sandbox = new BubblewrapSandbox(settings);
    ExecutorService items = Executors.newFixedThreadPool(2);
    ExecutorService runs = Executors.newFixedThreadPool(2);
    try {
      assertThat(sandbox.unavailableReason()).isNull();
      Languages languages = Languages.detect(sandbox, List.of(java.nio.file.Path.of("/usr/bin")));
      CodeScorer scorer =
          new CodeScorer(sandbox, languages, CodeDefaults.standard(), items, runs, 16);
      Set<Integer> uids = new HashSet<>(sandbox.slotIds());
      // two stdin tests run concurrently, each would spin for its whole 30 s run timeout
      ScoreItem item =
          new ScoreItem(
              "loop",
              "code",
              null,
              LOOP,
              Map.of(
                  "language",
                  "python",
                  "tests",
                  List.of(
                      Map.of("stdin", "1\n", "stdout", "1\n"),
                      Map.of("stdin", "2\n", "stdout", "2\n"))),
              Map.of("run_timeout_s", 30),
              null);
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  scorer.scoreBatch(List.of(item));
                } catch (Throwable t) {
                  thrown.set(t);
                }
              });
      caller.start();
      // both runs really started (not tasks cancelled before they ran)
      Sandboxes.awaitEverySlotRunning(sandbox, settings.scratch());
      if (Sandboxes.hostIsRoot()) {
        Sandboxes.awaitProcesses(uids, 2);
      }
      caller.interrupt();
      caller.join(TimeUnit.SECONDS.toMillis(20)); // the runs would spin for 30 s
      assertThat(caller.isAlive()).as("scoreBatch still waiting after the interrupt").isFalse();
      assertThat(thrown.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
      if (Sandboxes.hostIsRoot()) {
        awaitNoProcesses(uids);
      }
    } finally {
      items.shutdownNow();
      runs.shutdownNow();
      sandbox.close();
    }
  }

  /** Gone before the runs' own 30 s timeout would have ended them. */
  private static void awaitNoProcesses(Set<Integer> uids) {
    org.awaitility.Awaitility.await("the runs' processes killed")
        .atMost(java.time.Duration.ofSeconds(20))
        .pollInterval(java.time.Duration.ofMillis(20))
        .until(() -> Sandboxes.processesOf(uids).isEmpty());
  }
}
