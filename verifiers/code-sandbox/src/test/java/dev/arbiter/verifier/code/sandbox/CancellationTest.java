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
    BubblewrapSandbox sandbox =
        Sandboxes.create(cgroups ? 61550 : 61560, 1, cgroups, Sandboxes.scratch("locks"));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      assertThat(sandbox.unavailableReason()).isNull();
      HashSet<Integer> uids = new HashSet<>(sandbox.slotIds());
      boolean separateUid = Sandboxes.hostIsRoot();
      Path box = sandbox.newBox();
      Future<RunOutcome> running =
          pool.submit(() -> Sandboxes.run(sandbox, box, List.of("/bin/sh", "-c", SPINNER), 120));
      if (separateUid) {
        awaitProcesses(uids, 3);
      } else {
        Thread.sleep(1500);
      }
      long cancelledAt = System.nanoTime();
      running.cancel(true);
      // The slot is free again as soon as the tree is gone: the next run gets it.
      RunOutcome next = Sandboxes.run(sandbox, box, List.of("/bin/echo", "next"), 30);
      double ms = (System.nanoTime() - cancelledAt) / 1e6;
      assertThat(next.stdoutText()).isEqualTo("next\n");
      // generous for a loaded machine; without the cancel the slot stays busy for the 120 s wall
      // limit
      assertThat(ms).as("cancel to next run, ms").isLessThan(30_000);
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

  private static void awaitProcesses(java.util.Set<Integer> uids, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Sandboxes.processesOf(uids).size() < count) {
      assertThat(System.nanoTime()).as("the spinner started").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
