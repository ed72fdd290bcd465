package dev.arbiter.suite.bench;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.client.RewardClient;
import dev.arbiter.suite.ArbiterSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Mixed load on the one-process suite: a math item's latency alone, then while {@code loops}
 * infinite-loop code items (separate requests) are pending, in one run. Reports p50/p99 of both,
 * their ratio, how many math items came back masked, and what the code items answered.
 *
 * <p>{@code scripts/bench suite --main dev.arbiter.suite.bench.MixedLoadHarness [loops=20]
 * [math=100] [warmup=500] [rounds=3] [run-timeout-s=2] [--suite.property=value ...]}
 *
 * <p>Each round measures math alone, then fires the loops and measures math again while they are
 * pending, then waits for the loops to finish (the next round's idle phase follows them). The ratio
 * of the medians over the rounds is the figure.
 */
public final class MixedLoadHarness {

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new java.util.HashMap<>();
    List<String> suiteArgs =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--logging.level.root=WARN",
                "--arbiter.gateway.cache.enabled=false"));
    for (String a : args) {
      if (a.startsWith("--")) {
        suiteArgs.add(a); // a property of the suite, e.g. --arbiter.code.slots=1
        continue;
      }
      String[] kv = a.split("=", 2);
      opts.put(kv[0], kv[1]);
    }
    int loops = Integer.parseInt(opts.getOrDefault("loops", "20"));
    int mathCalls = Integer.parseInt(opts.getOrDefault("math", "100"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "500"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
    int runTimeout = Integer.parseInt(opts.getOrDefault("run-timeout-s", "2"));

    ConfigurableApplicationContext suite =
        new SpringApplicationBuilder(ArbiterSuite.class).run(suiteArgs.toArray(String[]::new));
    try {
      int port = Integer.parseInt(suite.getEnvironment().getProperty("local.server.port"));
      RewardClient client = RewardClient.create("http://127.0.0.1:" + port, Duration.ofMinutes(30));
      ScoreRequest math = ScoreRequest.of(List.of(mathItem()));
      for (int i = 0; i < warmup; i++) {
        client.score(math).join();
      }
      System.out.printf(
          Locale.ROOT,
          "loops=%d math=%d warmup=%d rounds=%d run-timeout-s=%d processors=%d suite args %s%n",
          loops,
          mathCalls,
          warmup,
          rounds,
          runTimeout,
          Runtime.getRuntime().availableProcessors(),
          suiteArgs);
      int maskedMath = 0;
      double[] ratios50 = new double[rounds];
      Map<String, Integer> codeStatuses = new TreeMap<>();
      for (int round = 1; round <= rounds; round++) {
        long[] idle = new long[mathCalls];
        for (int i = 0; i < mathCalls; i++) {
          long start = System.nanoTime();
          maskedMath += masked(client.score(math).join());
          idle[i] = System.nanoTime() - start;
        }
        List<CompletableFuture<ScoreResponse>> code = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
          code.add(client.score(ScoreRequest.of(List.of(loopItem(i, runTimeout)))));
        }
        Thread.sleep(1000); // the loops have started and fill the sandbox slots
        long[] loaded = new long[mathCalls];
        for (int i = 0; i < mathCalls; i++) {
          long start = System.nanoTime();
          maskedMath += masked(client.score(math).join());
          loaded[i] = System.nanoTime() - start;
        }
        long stillPending = code.stream().filter(f -> !f.isDone()).count();
        for (CompletableFuture<ScoreResponse> f : code) {
          for (ScoreResult r : f.join().results()) {
            codeStatuses.merge(r.status().wire() + (r.mask() ? "(masked)" : ""), 1, Integer::sum);
          }
        }
        Arrays.sort(idle);
        Arrays.sort(loaded);
        ratios50[round - 1] = pct(loaded, 0.5) / pct(idle, 0.5);
        System.out.printf(
            Locale.ROOT,
            "round %d: math idle p50 %.3f p99 %.3f ms | with %d loops pending p50 %.3f p99 %.3f ms"
                + " | ratio p50 %.2fx p99 %.2fx | loaded max %.3f ms | code requests still pending"
                + " after the loaded phase: %d of %d%n",
            round,
            pct(idle, 0.5),
            pct(idle, 0.99),
            loops,
            pct(loaded, 0.5),
            pct(loaded, 0.99),
            pct(loaded, 0.5) / pct(idle, 0.5),
            pct(loaded, 0.99) / pct(idle, 0.99),
            loaded[loaded.length - 1] / 1e6,
            stillPending,
            loops);
      }
      Arrays.sort(ratios50);
      System.out.printf(
          Locale.ROOT,
          "p50 ratio (loaded / idle), median of %d rounds: %.2fx (min %.2fx, max %.2fx)%n",
          rounds,
          ratios50[rounds / 2],
          ratios50[0],
          ratios50[rounds - 1]);
      System.out.printf(
          Locale.ROOT,
          "math items masked: %d of %d; code items answered: %s%n",
          maskedMath,
          2 * rounds * mathCalls,
          codeStatuses);
    } finally {
      suite.close();
    }
  }

  private static int masked(ScoreResponse response) {
    return (int) response.results().stream().filter(ScoreResult::mask).count();
  }

  private static ScoreItem mathItem() {
    return new ScoreItem(
        "m",
        "math",
        null,
        "so the answer is \\boxed{\\frac{3}{4}}",
        Map.of("answer", "0.75"),
        Map.of(),
        null);
  }

  private static ScoreItem loopItem(int i, int runTimeout) {
    return new ScoreItem(
        "loop" + i,
        "code",
        null,
        "```python\nwhile True:\n    pass\n```",
        Map.of("language", "python", "tests", List.of(Map.of("stdin", "", "stdout", "1\n"))),
        Map.of("run_timeout_s", runTimeout),
        null);
  }

  private static double pct(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }
}
