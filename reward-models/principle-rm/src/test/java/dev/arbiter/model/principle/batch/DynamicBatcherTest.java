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

  @Test
  void submit_waitingInputsCoalesceUpToMaxBatchSize() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    Recorder inner = new Recorder();
    DynamicBatcher.BatchFunction<String, String> fn =
        batch -> {
          entered.countDown();
          gate.await(5, TimeUnit.SECONDS);
          return inner.apply(batch);
        };
    try (var batcher =
        new DynamicBatcher<>(
            "t", fn, s -> 1, new BatchSettings(4, Duration.ofMillis(200), 100, 1))) {
      List<CompletableFuture<String>> futures = new ArrayList<>();
      futures.add(batcher.submit("x0"));
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue(); // the worker holds x0
      for (int i = 1; i < 10; i++) {
        futures.add(batcher.submit("x" + i));
      }
      gate.countDown();
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
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    Recorder inner = new Recorder();
    DynamicBatcher.BatchFunction<String, String> fn =
        batch -> {
          entered.countDown();
          gate.await(5, TimeUnit.SECONDS);
          return inner.apply(batch);
        };
    try (var batcher =
        new DynamicBatcher<>(
            "t", fn, String::length, new BatchSettings(2, Duration.ZERO, 100, 1))) {
      CompletableFuture<String> first = batcher.submit("blocker");
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue(); // the worker holds "blocker"
      List<CompletableFuture<String>> rest = new ArrayList<>();
      for (String s : List.of("aaaa", "a", "aaa", "aa")) {
        rest.add(batcher.submit(s));
      }
      gate.countDown();
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
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    DynamicBatcher.BatchFunction<String, String> fn =
        batch -> {
          entered.countDown();
          gate.await(5, TimeUnit.SECONDS);
          return batch;
        };
    try (var batcher =
        new DynamicBatcher<>("t", fn, String::length, new BatchSettings(1, Duration.ZERO, 2, 1))) {
      batcher.submit("held");
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> batcher.submitAll(List.of("a", "b", "c")))
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessageContaining("queue is full");
      gate.countDown();
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
