package dev.arbiter.server.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerPoolsTest {

  @Test
  void bounded_refusesWorkBeyondItsWorkersAndQueue() throws Exception {
    ThreadPoolExecutor pool = WorkerPools.bounded("test-bounded", 1, 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    try {
      pool.execute(
          () -> {
            running.countDown();
            await(release);
          });
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
      pool.execute(() -> {}); // waits in the queue

      assertThatThrownBy(() -> pool.execute(() -> {}))
          .isInstanceOf(RejectedExecutionException.class);
      assertThat(pool.getQueue()).hasSize(1);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void direct_startsEachTaskAtOnceUpToItsThreadsThenRefuses() throws Exception {
    ThreadPoolExecutor pool = WorkerPools.direct("test-direct", 2);
    CountDownLatch release = new CountDownLatch(1);
    try {
      pool.execute(() -> await(release));
      pool.execute(() -> await(release));

      assertThatThrownBy(() -> pool.execute(() -> {}))
          .isInstanceOf(RejectedExecutionException.class);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void threadsAreNamedDaemons() throws Exception {
    ThreadPoolExecutor pool = WorkerPools.queued("test-named", 1);
    try {
      CompletableFuture<Thread> thread = new CompletableFuture<>();
      pool.execute(() -> thread.complete(Thread.currentThread()));
      Thread t = thread.get(30, TimeUnit.SECONDS);
      assertThat(t.getName()).isEqualTo("test-named-1");
      assertThat(t.isDaemon()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
