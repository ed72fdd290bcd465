package dev.arbiter.verifier.code.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interrupting the thread that runs a sandboxed program (what {@code Future.cancel(true)} does when
 * the serving layer gives up on an item) kills its whole process tree at once and frees the slot.
 */
class CancellationTest {

  /** An infinite loop with children that would outlive a kill of the parent alone. */
  private static final String SPINNER =
      "(while :; do :; done) & (sleep 1000) & while :; do :; done";

  @ParameterizedTest(name = "cgroups={0}")
  @ValueSource(booleans = {true, false})
  void cancel_killsTheTreeAndFreesTheSlot(boolean cgroups) throws Exception {
    // One slot: the run after the cancelled one can only succeed if that slot was given back.
    BubblewrapSandbox.Settings settings =
        Sandboxes.settings(cgroups ? 61550 : 61560, 1, cgroups, Sandboxes.scratch("locks"), true);
    BubblewrapSandbox sandbox = new BubblewrapSandbox(settings);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      assertThat(sandbox.unavailableReason()).isNull();
      HashSet<Integer> uids = new HashSet<>(sandbox.slotIds());
      boolean separateUid = Sandboxes.hostIsRoot();
      Path box = sandbox.newBox();
      Future<RunOutcome> running =
          pool.submit(() -> Sandboxes.run(sandbox, box, List.of("/bin/sh", "-c", SPINNER), 120));
      // cancel a program that really runs, not a task that never started
      Sandboxes.awaitEverySlotRunning(sandbox, settings.scratch());
      if (separateUid) {
        Sandboxes.awaitProcesses(uids, 3);
      }
      running.cancel(true);
      // The slot is free again as soon as the tree is gone: the next run gets it. It waits for the
      // slot at most the settings' 60 s, while the cancelled run would hold it for its 120 s wall
      // limit: a slot not given back at the cancel fails this run (no clock read here).
      RunOutcome next = Sandboxes.run(sandbox, box, List.of("/bin/echo", "next"), 30);
      assertThat(next.stdoutText()).isEqualTo("next\n");
      if (separateUid) {
        assertThat(Sandboxes.processesOf(uids)).as("processes left under the slot uid").isEmpty();
      }
      Boxes.delete(box);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      sandbox.close();
    }
  }
}
