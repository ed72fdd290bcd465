package dev.arbiter.gateway.bench;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.gateway.routing.HttpBackend;
import dev.arbiter.gateway.routing.ItemBatch;
import dev.arbiter.gateway.support.Apps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gateway added latency: the same 64-item batch sent directly to a scorer service and through the
 * gateway routing to that service over HTTP, alternating, in one run. Reports p50/p99 of both and
 * the difference.
 *
 * <p>{@code scripts/bench reward-gateway --main dev.arbiter.gateway.bench.GatewayLatencyHarness
 * [scorer=detection] [batch=64] [warmup=8000] [iterations=3000] [rounds=3] [mode=remote|in-process]
 * [compare=backend-client]}
 */
public final class GatewayLatencyHarness {

  public static void main(String[] args) {
    Map<String, String> opts = new java.util.HashMap<>();
    for (String a : args) {
      String[] kv = a.split("=", 2);
      opts.put(kv[0], kv[1]);
    }
    String scorer = opts.getOrDefault("scorer", "detection");
    int batch = Integer.parseInt(opts.getOrDefault("batch", "64"));
    // JIT compilation goes on long after start-up in these two apps (BENCHMARKS.md has what
    // -XX:+PrintCompilation showed); the default warm-up reaches the steady state a trainer's long
    // run sees.
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "8000"));
    int iterations = Integer.parseInt(opts.getOrDefault("iterations", "3000"));
    int rounds = Math.max(1, Integer.parseInt(opts.getOrDefault("rounds", "3")));
    // remote: the gateway calls the service over HTTP (docker-compose / Kubernetes shape);
    // in-process: the gateway hosts the scorer itself (the one-process suite's shape).
    boolean remote = !"in-process".equals(opts.getOrDefault("mode", "remote"));

    System.setProperty("logging.level.root", "WARN");
    ConfigurableApplicationContext service = Apps.scorerService(0, "logging.level.root=WARN");
    ConfigurableApplicationContext gateway =
        remote
            ? Apps.gateway(
                "logging.level.root=WARN",
                "arbiter.gateway.cache.enabled=false",
                "arbiter.gateway.backends.svc.url=http://127.0.0.1:" + Apps.port(service),
                "arbiter.gateway.backends.svc.scorers=" + scorer)
            : Apps.gateway("logging.level.root=WARN", "arbiter.gateway.cache.enabled=false");
    try {
      RewardClient directClient =
          RewardClient.create("http://127.0.0.1:" + Apps.port(service), Duration.ofSeconds(30));
      RewardClient gatewayClient =
          RewardClient.create("http://127.0.0.1:" + Apps.port(gateway), Duration.ofSeconds(30));
      Call direct = r -> directClient.score(r).join();
      Call viaGateway = r -> gatewayClient.score(r).join();
      if ("backend-client".equals(opts.get("compare"))) {
        // diagnostic: the gateway's own HTTP client (Reactor Netty) instead of the gateway,
        // straight to the service, against the JDK client: the client side of the extra hop alone
        HttpBackend backend =
            new HttpBackend(
                "svc", "http://127.0.0.1:" + Apps.port(service), Duration.ofSeconds(30), 64);
        viaGateway =
            r -> new ScoreResponse(backend.score(ItemBatch.of(r.items())).block(), Map.of());
      }
      ScoreRequest request = ScoreRequest.of(items(scorer, batch));
      check(direct.score(request), batch);
      check(viaGateway.score(request), batch);

      for (int i = 0; i < warmup; i++) {
        direct.score(request);
        viaGateway.score(request);
      }
      System.out.printf(
          Locale.ROOT,
          "mode=%s scorer=%s batch=%d warmup=%d iterations=%d rounds=%d%n",
          remote ? "remote" : "in-process",
          scorer,
          batch,
          warmup,
          iterations,
          rounds);
      double[] added = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        long[] d = new long[iterations];
        long[] g = new long[iterations];
        for (int i = 0; i < iterations; i++) {
          d[i] = time(direct, request);
          g[i] = time(viaGateway, request);
        }
        Arrays.sort(d);
        Arrays.sort(g);
        double d50 = pct(d, 0.50);
        double d99 = pct(d, 0.99);
        double g50 = pct(g, 0.50);
        double g99 = pct(g, 0.99);
        added[round] = g50 - d50;
        System.out.printf(
            Locale.ROOT,
            "round %d: direct p50 %.3f p99 %.3f | gateway p50 %.3f p99 %.3f"
                + " | added p50 %.3f p99 %.3f ms (ratio p50 %.2fx)%n",
            round + 1,
            d50,
            d99,
            g50,
            g99,
            g50 - d50,
            g99 - d99,
            g50 / d50);
      }
      Arrays.sort(added);
      System.out.printf(
          Locale.ROOT,
          "added p50, median of %d rounds: %.3f ms (min %.3f, max %.3f)%n",
          rounds,
          added[rounds / 2],
          added[0],
          added[rounds - 1]);
    } finally {
      gateway.close();
      service.close();
    }
  }

  /** One blocking scoring call. */
  private interface Call {
    ScoreResponse score(ScoreRequest request);
  }

  private static long time(Call client, ScoreRequest request) {
    long start = System.nanoTime();
    client.score(request);
    return System.nanoTime() - start;
  }

  private static double pct(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }

  private static void check(ScoreResponse response, int batch) {
    if (response.results().size() != batch
        || response.results().stream().anyMatch(r -> r.mask() || r.reward() == null)) {
      throw new IllegalStateException("unexpected results: " + response.results().get(0));
    }
  }

  /** Detection scenes of 5 predicted and 5 ground-truth boxes (or numbers for echo). */
  static List<ScoreItem> items(String scorer, int n) {
    Random random = new Random(42);
    List<ScoreItem> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (!scorer.equals("detection")) {
        items.add(new ScoreItem("i" + i, scorer, null, "0.5", Map.of(), Map.of(), "g"));
        continue;
      }
      List<Map<String, Object>> gt = new ArrayList<>();
      StringBuilder pred = new StringBuilder("<think>boxes</think><answer>[");
      for (int b = 0; b < 5; b++) {
        int x = random.nextInt(400);
        int y = random.nextInt(400);
        gt.add(Map.of("bbox_2d", List.of(x, y, x + 60, y + 60), "label", "obj"));
        int dx = random.nextInt(20) - 10;
        pred.append(b == 0 ? "" : ",")
            .append(
                String.format(
                    Locale.ROOT,
                    "{\"bbox_2d\":[%d,%d,%d,%d],\"label\":\"obj\",\"confidence\":%.2f}",
                    x + dx,
                    y + dx,
                    x + 60 + dx,
                    y + 60,
                    0.5 + random.nextDouble() / 2));
      }
      pred.append("]</answer>");
      items.add(
          new ScoreItem(
              "i" + i, "detection", null, pred.toString(), Map.of("boxes", gt), Map.of(), "g"));
    }
    return items;
  }
}
