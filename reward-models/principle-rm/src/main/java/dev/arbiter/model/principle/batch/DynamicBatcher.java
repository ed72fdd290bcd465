package dev.arbiter.model.principle.batch;

import dev.arbiter.server.scoring.WorkerPools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces inputs submitted concurrently by many callers into micro-batches for one batch function
 * (an ONNX session run). Apart from any endpoint, as djl-serving keeps its batch aggregator apart
 * from its frontend.
 *
 * <p>A worker takes the first waiting input, then keeps collecting until {@code maxBatchSize}
 * inputs or {@code maxWait} have passed; if more than one batch is waiting it drains them all,
 * sorts them by length and cuts them into batches so similar lengths share a padded batch. A
 * failing batch fails only its own inputs' futures.
 *
 * @param <I> an input (a token sequence)
 * @param <O> its output (a row of logits, an embedding)
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {

  /** Runs one batch; returns one output per input, in order. */
  @FunctionalInterface
  public interface BatchFunction<I, O> {
    List<O> apply(List<I> batch) throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(DynamicBatcher.class);

  private record Pending<I, O>(I input, int length, CompletableFuture<O> future) {}

  private final BatchFunction<I, O> function;
  private final ToIntFunction<I> length;
  private final int maxBatchSize;
  private final long maxWaitNanos;
  private final BlockingQueue<Pending<I, O>> queue;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong items = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param name thread name prefix (threads are daemons named {@code <name>-batcher-<n>})
   * @param function the batch function, called from the worker threads only
   * @param length an input's length, used to sort a drained queue
   * @param settings batch size, wait, queue capacity and worker count
   */
  public DynamicBatcher(
      String name, BatchFunction<I, O> function, ToIntFunction<I> length, BatchSettings settings) {
    this.function = function;
    this.length = length;
    this.maxBatchSize = settings.maxBatchSize();
    this.maxWaitNanos = settings.maxWait().toNanos();
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    ThreadFactory threads = WorkerPools.daemonThreads(name + "-batcher");
    for (int i = 0; i < settings.workers(); i++) {
      Thread t = threads.newThread(this::loop);
      workers.add(t);
      t.start();
    }
  }

  /**
   * Queues one input.
   *
   * @throws RejectedExecutionException when the queue is full or the batcher closed
   */
  public CompletableFuture<O> submit(I input) {
    return enqueue(input).future();
  }

  private Pending<I, O> enqueue(I input) {
    if (closed) {
      throw new RejectedExecutionException("batcher is closed");
    }
    Pending<I, O> p = new Pending<>(input, length.applyAsInt(input), new CompletableFuture<>());
    if (!queue.offer(p)) {
      throw new RejectedExecutionException(
          "batch queue is full (" + queue.size() + " inputs waiting)");
    }
    return p;
  }

  /**
   * Queues several inputs. All or none: if the queue fills part-way, the queued ones are withdrawn
   * and the call throws.
   */
  public List<CompletableFuture<O>> submitAll(List<I> inputs) {
    List<Pending<I, O>> queued = new ArrayList<>(inputs.size());
    try {
      for (I input : inputs) {
        queued.add(enqueue(input));
      }
    } catch (RejectedExecutionException e) {
      for (Pending<I, O> p : queued) {
        queue.remove(p);
        p.future().cancel(false);
      }
      throw e;
    }
    return queued.stream().map(Pending::future).toList();
  }

  /** Batches run so far. */
  public long batches() {
    return batches.get();
  }

  /** Inputs waiting for a batch now. */
  public int queued() {
    return queue.size();
  }

  /** Inputs run so far. */
  public long items() {
    return items.get();
  }

  private void loop() {
    while (!closed) {
      try {
        Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first != null) {
          runAll(collect(first));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        log.error("batcher worker failed", e);
      }
    }
  }

  private List<Pending<I, O>> collect(Pending<I, O> first) throws InterruptedException {
    List<Pending<I, O>> drained = new ArrayList<>();
    drained.add(first);
    long deadline = System.nanoTime() + maxWaitNanos;
    while (drained.size() < maxBatchSize) {
      long left = deadline - System.nanoTime();
      Pending<I, O> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        break;
      }
      drained.add(next);
    }
    // More than a batch may be waiting: take it all (bounded by a few batches) and sort, so
    // similar lengths share a padded batch.
    queue.drainTo(drained, 3 * maxBatchSize);
    return drained;
  }

  private void runAll(List<Pending<I, O>> drained) {
    drained.removeIf(p -> p.future().isDone());
    drained.sort(Comparator.comparingInt(Pending::length));
    for (int from = 0; from < drained.size(); from += maxBatchSize) {
      run(drained.subList(from, Math.min(drained.size(), from + maxBatchSize)));
    }
  }

  private void run(List<Pending<I, O>> batch) {
    List<I> inputs = batch.stream().map(Pending::input).toList();
    try {
      List<O> outputs = function.apply(inputs);
      if (outputs.size() != inputs.size()) {
        throw new IllegalStateException(
            "batch function returned " + outputs.size() + " outputs for " + inputs.size());
      }
      batches.incrementAndGet();
      items.addAndGet(inputs.size());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).future().complete(outputs.get(i));
      }
    } catch (Exception | Error e) {
      log.error("batch of {} failed", inputs.size(), e);
      batch.forEach(p -> p.future().completeExceptionally(e));
    }
  }

  /** Stops the workers; inputs still queued fail. */
  @Override
  public void close() {
    closed = true;
    workers.forEach(Thread::interrupt);
    for (Thread t : workers) {
      try {
        t.join(Duration.ofSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Pending<I, O> p;
    while ((p = queue.poll()) != null) {
      p.future().completeExceptionally(new RejectedExecutionException("batcher closed"));
    }
  }
}
