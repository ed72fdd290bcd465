package dev.arbiter.model.principle.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

  /** Records each batch it is given; the output of input s is s + "!". */
  static final class Recorder implements DynamicBatcher.BatchFunction<String, String> {
    final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<String> apply(List<String> batch) {
      batches.add(List.copyOf(batch));
      if (batch.contains("boom")) {
        throw new IllegalStateException("scripted failure");
      }
      return batch.stream().map(s -> s + "!").toList();
    }
  }

  /** Holds the first batch until released, so tests know what waits behind it. */
  static final class Gate<O> implements DynamicBatcher.BatchFunction<String, O> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final DynamicBatcher.BatchFunction<String, O> inner;

    Gate(DynamicBatcher.BatchFunction<String, O> inner) {
      this.inner = inner;
    }

    @Override
    public List<O> apply(List<String> batch) throws Exception {
      entered.countDown();
      release.await(5, TimeUnit.SECONDS);
      return inner.apply(batch);
    }

    /** Waits until the worker holds the first batch. */
    void awaitEntered() throws InterruptedException {
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void submit_waitingInputsCoalesceUpToMaxBatchSize() throws Exception {
    Recorder inner = new Recorder();
    Gate<String> fn = new Gate<>(inner);
    try (var batcher =
        new DynamicBatcher<>(
            "t", fn, s -> 1, new BatchSettings(4, Duration.ofMillis(200), 100, 1))) {
      List<CompletableFuture<String>> futures = new ArrayList<>();
      futures.add(batcher.submit("x0"));
      fn.awaitEntered(); // the worker holds x0
      for (int i = 1; i < 10; i++) {
        futures.add(batcher.submit("x" + i));
      }
      fn.release.countDown();
      for (int i = 0; i < 10; i++) {
        assertThat(futures.get(i).join()).isEqualTo("x" + i + "!");
      }
      // x0 alone (its 200 ms wait ended before the others came), then the 9 that waited behind
      // it, drained together and cut into batches of at most 4
      assertThat(inner.batches).allMatch(batch -> batch.size() <= 4);
      assertThat(inner.batches.stream().mapToInt(List::size).sum()).isEqualTo(10);
      assertThat(inner.batches.subList(1, inner.batches.size()))
          .extracting(List::size)
          .containsExactly(4, 4, 1);
      assertThat(batcher.items()).isEqualTo(10);
      assertThat(batcher.batches()).isEqualTo(4);
    }
  }

  @Test
  void submit_waitingBacklogIsSortedByLength() throws Exception {
    Recorder inner = new Recorder();
    Gate<String> fn = new Gate<>(inner);
    try (var batcher =
        new DynamicBatcher<>(
            "t", fn, String::length, new BatchSettings(2, Duration.ZERO, 100, 1))) {
      CompletableFuture<String> first = batcher.submit("blocker");
      fn.awaitEntered(); // the worker holds "blocker"
      List<CompletableFuture<String>> rest = new ArrayList<>();
      for (String s : List.of("aaaa", "a", "aaa", "aa")) {
        rest.add(batcher.submit(s));
      }
      fn.release.countDown();
      first.join();
      rest.forEach(CompletableFuture::join);
      assertThat(inner.batches.subList(1, inner.batches.size()))
          .containsExactly(List.of("a", "aa"), List.of("aaa", "aaaa"));
    }
  }

  @Test
  void submit_failingBatchFailsOnlyItsOwnInputs() {
    Recorder fn = new Recorder();
    try (var batcher =
        new DynamicBatcher<>("t", fn, s -> 1, new BatchSettings(1, Duration.ZERO, 100, 1))) {
      CompletableFuture<String> bad = batcher.submit("boom");
      CompletableFuture<String> good = batcher.submit("ok");
      assertThatThrownBy(bad::join)
          .isInstanceOf(CompletionException.class)
          .hasRootCauseMessage("scripted failure");
      assertThat(good.join()).isEqualTo("ok!");
    }
  }

  @Test
  void submitAll_fullQueueRejectsAllAndCancelsTheQueuedPart() throws Exception {
    Gate<String> fn = new Gate<>(batch -> batch);
    try (var batcher =
        new DynamicBatcher<>("t", fn, String::length, new BatchSettings(1, Duration.ZERO, 2, 1))) {
      batcher.submit("held");
      fn.awaitEntered();
      assertThatThrownBy(() -> batcher.submitAll(List.of("a", "b", "c")))
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessageContaining("queue is full");
      fn.release.countDown();
      assertThat(batcher.submit("later").join()).isEqualTo("later");
    }
  }

  @Test
  void settings_rejectNonsense() {
    assertThatThrownBy(() -> new BatchSettings(0, Duration.ZERO, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchSettings(1, Duration.ofMillis(-1), 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
