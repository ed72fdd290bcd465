package dev.arbiter.suite.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Score requests through the gateway at a steady rate from a few callers, every answer recorded
 * with when its request was sent and when it came back. Each request's body is built from a fresh
 * sequence number, so its items are unique: the gateway's result cache answers identical items
 * without asking the backend, and a load of repeated items never sees a backend die.
 */
final class SteadyLoad implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One request's outcome: its sequence number, send and receive times ({@link System#nanoTime}),
   * the HTTP status and parsed body, or the failure when no answer came (status -1).
   */
  record Answer(long n, long sent, long received, int status, JsonNode body, String failure) {

    /** The result of the request's item at {@code index}, or a missing node. */
    JsonNode result(int index) {
      return body == null ? JSON.missingNode() : body.path("results").path(index);
    }
  }

  private final HttpClient http;
  private final URI uri;
  private final LongFunction<String> body;
  private final int callers;
  private final Duration period;
  private final Duration requestTimeout;
  private final AtomicLong sequence = new AtomicLong();
  private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService executor;

  /**
   * @param body the request body for a sequence number
   * @param callers concurrent callers, each sending one request every {@code period} at most
   * @param requestTimeout longest wait for one answer (then recorded as a failure)
   */
  SteadyLoad(
      HttpClient http,
      URI uri,
      LongFunction<String> body,
      int callers,
      Duration period,
      Duration requestTimeout) {
    this.http = http;
    this.uri = uri;
    this.body = body;
    this.callers = callers;
    this.period = period;
    this.requestTimeout = requestTimeout;
    this.executor =
        Executors.newScheduledThreadPool(
            callers,
            r -> {
              Thread t = new Thread(r, "steady-load");
              t.setDaemon(true);
              return t;
            });
  }

  SteadyLoad start() {
    for (int i = 0; i < callers; i++) {
      // fixed delay: a slow answer delays that caller's next request instead of piling them up
      executor.scheduleWithFixedDelay(this::send, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void send() {
    long n = sequence.incrementAndGet();
    long sent = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .header("Content-Type", "application/json")
                  .timeout(requestTimeout)
                  .POST(HttpRequest.BodyPublishers.ofString(body.apply(n)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
      String failure = parsed == null ? response.body() : null;
      answers.add(new Answer(n, sent, System.nanoTime(), response.statusCode(), parsed, failure));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      answers.add(new Answer(n, sent, System.nanoTime(), -1, null, e.toString()));
    }
  }

  /** Answers to requests sent at or after {@code nanos}, in the order they came back. */
  List<Answer> sentSince(long nanos) {
    List<Answer> since = new ArrayList<>();
    for (Answer a : answers) {
      if (a.sent() >= nanos) {
        since.add(a);
      }
    }
    return since;
  }

  List<Answer> all() {
    return List.copyOf(answers);
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(requestTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
      executor.shutdownNow();
    }
  }
}
