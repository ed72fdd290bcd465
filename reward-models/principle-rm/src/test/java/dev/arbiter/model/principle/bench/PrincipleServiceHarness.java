package dev.arbiter.model.principle.bench;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.model.principle.PrincipleRmApplication;
import dev.arbiter.model.principle.embed.MiniLmContrastModel;
import dev.arbiter.model.principle.onnx.OnnxSession;
import dev.arbiter.model.principle.onnx.SessionSettings;
import dev.arbiter.model.principle.onnx.TemplateEncoder;
import dev.arbiter.model.principle.onnx.TokenSequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load harness for the embedded MiniLM backend (not a test):
 *
 * <ol>
 *   <li>the batching curve: raw ONNX session items/s at batch 1, 2, 4, ..., 64 on the same 128
 *       inputs in length-sorted batches;
 *   <li>the service vs the raw session: items/s and per-request p50/p99 through {@code POST
 *       /v1/score} (HTTP, JSON, tokenization, principle selection, dynamic batcher, session), with
 *       requests of {@code batch} items, against the session called directly on the same
 *       pre-tokenized batches; rounds alternate so both see the same machine load.
 * </ol>
 *
 * <p>Run: {@code scripts/bench reward-models/principle-rm --main
 * dev.arbiter.model.principle.bench.PrincipleServiceHarness [seconds-per-round] [rounds] [batch]
 * [clients] [cpu|cuda] [intra-op-threads]}
 */
public final class PrincipleServiceHarness {

  private static final String[] WORDS =
      ("the a response answer question helpful honest model user explains clearly step first then"
              + " because result value number example code function returns list error test"
              + " careful simple correct wrong good bad reason data safe kind useful")
          .split(" ");

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    boolean cuda = args.length > 4 && args[4].equals("cuda");
    int threads = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    SessionSettings settings =
        new SessionSettings(
            cuda ? SessionSettings.Device.CUDA : SessionSettings.Device.CPU,
            0,
            threads,
            0,
            "all",
            true);
    List<String> responses = responses(4096, 40, 7);
    System.out.printf(
        "machine: %d cpus, %s; rounds=%d x %.1fs, batch=%d, clients=%d, intra-op threads=%d%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"),
        rounds,
        seconds,
        batch,
        clients,
        threads);

    MiniLmContrastModel raw =
        MiniLmContrastModel.open(
            settings,
            new dev.arbiter.model.principle.batch.BatchSettings(64, Duration.ZERO, 8192, 1));
    System.out.println("raw session on " + raw.provider());
    TemplateEncoder encoder = raw.encoder();
    List<TokenSequence> seqs = responses.stream().map(encoder::encode).toList();
    System.out.printf(
        "inputs: %d responses, mean %.1f tokens%n",
        seqs.size(), seqs.stream().mapToInt(TokenSequence::length).average().orElse(0));

    curve(raw.session(), seqs, rounds);

    ConfigurableApplicationContext app =
        SpringApplication.run(
            PrincipleRmApplication.class,
            "--server.port=0",
            "--arbiter.principle.batching.max-batch-size=" + batch,
            "--arbiter.principle.batching.max-wait=2ms",
            "--arbiter.principle.onnx.device=" + (cuda ? "cuda" : "cpu"),
            "--arbiter.principle.onnx.intra-op-threads=" + threads,
            "--logging.level.root=WARN");
    try {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      RewardClient client = RewardClient.create("http://localhost:" + port, Duration.ofSeconds(60));
      serviceVsRaw(client, raw.session(), responses, seqs, batch, clients, seconds, rounds);
    } finally {
      app.close();
      raw.close();
    }
  }

  /**
   * The batching curve: the same 128 inputs (every 32nd of the corpus by length, so all lengths are
   * represented) run in length-sorted batches of each size, as the batcher forms them; sizes
   * interleaved over {@code rounds} so load drift hits all alike; median per size.
   */
  private static void curve(OnnxSession session, List<TokenSequence> seqs, int rounds)
      throws Exception {
    List<TokenSequence> sorted =
        seqs.stream().sorted(java.util.Comparator.comparingInt(TokenSequence::length)).toList();
    List<TokenSequence> sample = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i += sorted.size() / 128) {
      sample.add(sorted.get(i));
    }
    int[] sizes = {1, 2, 4, 8, 16, 32, 64};
    Map<Integer, List<Double>> ips = new java.util.TreeMap<>();
    for (int b : sizes) {
      session.run(sample.subList(0, b)); // warm this shape
    }
    for (int r = 0; r < rounds; r++) {
      for (int b : sizes) {
        long t0 = System.nanoTime();
        for (int from = 0; from < sample.size(); from += b) {
          session.run(sample.subList(from, Math.min(sample.size(), from + b)));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ips.computeIfAbsent(b, k -> new ArrayList<>()).add(sample.size() / seconds);
      }
    }
    System.out.printf(
        "%n== batching curve: raw session, %d length-sorted inputs (%d-%d tokens), median of %d"
            + " interleaved rounds ==%n",
        sample.size(), sample.get(0).length(), sample.get(sample.size() - 1).length(), rounds);
    double base = median(ips.get(1));
    for (int b : sizes) {
      double m = median(ips.get(b));
      System.out.printf(
          "batch %2d: %8.1f items/s  speed-up x%.2f  (rounds: %s)%n",
          b, m, m / base, ips.get(b).stream().map(v -> String.format("%.0f", v)).toList());
    }
  }

  private static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.sort(null);
    return v.get(v.size() / 2);
  }

  /** Items/s of the raw session over consecutive batches of {@code b}; latencies per batch. */
  private static double rawThroughput(
      OnnxSession session, List<TokenSequence> seqs, int b, double seconds, List<Double> latencies)
      throws Exception {
    session.run(seqs.subList(0, b)); // warm this shape
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long items = 0;
    int at = 0;
    while (System.nanoTime() < end) {
      if (at + b > seqs.size()) {
        at = 0;
      }
      long t0 = System.nanoTime();
      session.run(seqs.subList(at, at + b));
      if (latencies != null) {
        latencies.add((System.nanoTime() - t0) / 1e6);
      }
      at += b;
      items += b;
    }
    return items / ((System.nanoTime() - start) / 1e9);
  }

  private static void serviceVsRaw(
      RewardClient client,
      OnnxSession session,
      List<String> responses,
      List<TokenSequence> seqs,
      int batch,
      int clients,
      double seconds,
      int rounds)
      throws Exception {
    System.out.printf(
        "%n== service (HTTP, %d clients, %d items/request) vs raw session (batches of %d) ==%n",
        clients, batch, batch);
    // warm the service: definitions cached, JIT, shapes
    service(client, responses, batch, clients, Math.max(2, seconds / 2), new ArrayList<>());
    List<Double> ratios = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      List<Double> rawLat = new ArrayList<>();
      double rawIps = rawThroughput(session, seqs, batch, seconds, rawLat);
      List<Double> svcLat = new ArrayList<>();
      double svcIps = service(client, responses, batch, clients, seconds, svcLat);
      ratios.add(svcIps / rawIps);
      System.out.printf(
          "round %d: raw %7.1f items/s (batch p50 %6.1f ms, p99 %6.1f ms) | service %7.1f items/s"
              + " (request p50 %6.1f ms, p99 %6.1f ms) | service/raw %.2f%n",
          r,
          rawIps,
          pct(rawLat, 50),
          pct(rawLat, 99),
          svcIps,
          pct(svcLat, 50),
          pct(svcLat, 99),
          svcIps / rawIps);
    }
    ratios.sort(null);
    System.out.printf("median service/raw throughput: %.2f%n", ratios.get(ratios.size() / 2));
  }

  private static double service(
      RewardClient client,
      List<String> responses,
      int batch,
      int clients,
      double seconds,
      List<Double> latencies)
      throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    AtomicBoolean failed = new AtomicBoolean();
    long start = System.nanoTime();
    List<CompletableFuture<Long>> loops = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int offset = c * 997;
      loops.add(
          CompletableFuture.supplyAsync(
              () -> {
                long items = 0;
                int at = offset;
                while (System.nanoTime() < end) {
                  List<ScoreItem> items1 = new ArrayList<>(batch);
                  for (int i = 0; i < batch; i++) {
                    String resp = responses.get((at + i) % responses.size());
                    items1.add(
                        new ScoreItem(
                            "i" + (at + i),
                            "principle",
                            "a prompt",
                            resp,
                            Map.of(),
                            Map.of(),
                            null));
                  }
                  at += batch;
                  long t0 = System.nanoTime();
                  ScoreResponse r = client.score(ScoreRequest.of(items1)).join();
                  synchronized (latencies) {
                    latencies.add((System.nanoTime() - t0) / 1e6);
                  }
                  if (r.results().stream().anyMatch(x -> !x.usable())) {
                    failed.set(true);
                  }
                  items += batch;
                }
                return items;
              }));
    }
    long total = 0;
    for (CompletableFuture<Long> f : loops) {
      total += f.join();
    }
    if (failed.get()) {
      throw new IllegalStateException("the service answered unusable results during the run");
    }
    return total / ((System.nanoTime() - start) / 1e9);
  }

  private static double pct(List<Double> values, int p) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v.length == 0
        ? Double.NaN
        : v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
  }

  /** Random word sentences of about {@code words} words, seeded. */
  static List<String> responses(int n, int words, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int len = words / 2 + random.nextInt(words);
      for (int w = 0; w < len; w++) {
        sb.append(WORDS[random.nextInt(WORDS.length)]).append(w % 9 == 8 ? ". " : " ");
      }
      out.add(sb.toString().strip());
    }
    return out;
  }
}
