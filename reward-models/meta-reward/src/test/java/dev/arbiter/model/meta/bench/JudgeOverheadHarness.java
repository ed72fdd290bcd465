package dev.arbiter.model.meta.bench;

import dev.arbiter.model.judge.JudgeClientSettings;
import dev.arbiter.model.judge.JudgeRequest;
import dev.arbiter.model.judge.testing.ScriptedJudgeServer;
import dev.arbiter.model.meta.MetaRewardApplication;
import dev.arbiter.model.meta.Rubrics;
import dev.arbiter.model.meta.ScriptedModels;
import dev.arbiter.model.meta.judge.RubricPrompt;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judge-call overhead of the meta-reward service against the raw backend call, and the refinement
 * cycle time, both against the scripted judge (which answers at once, so the figures are the
 * service's own cost). Alternates blocks of raw and service calls so drift hits both alike.
 *
 * <pre>
 * scripts/bench reward-models/meta-reward --main dev.arbiter.model.meta.bench.JudgeOverheadHarness [calls] [refinements]
 * </pre>
 */
public final class JudgeOverheadHarness {

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int refinements = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path dir = Files.createTempDirectory("meta-reward-bench");
    try (ScriptedJudgeServer judge = ScriptedJudgeServer.start().respondWith(new ScriptedModels());
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(MetaRewardApplication.class)
                .run(
                    "--server.port=0",
                    "--logging.level.root=WARN",
                    "--arbiter.rubric.database.h2-file=" + dir.resolve("rubrics"),
                    "--arbiter.rubric.judge.base-url=" + judge.baseUrl(),
                    "--arbiter.rubric.judge.model=judge-7b",
                    "--arbiter.rubric.refinement.every=0")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String response = "PERFECT essay: cities should ban cars downtown because of air quality.";
      String rawBody = rawBody(judge.baseUrl(), response);
      HttpRequest raw =
          HttpRequest.newBuilder(URI.create(judge.baseUrl() + "/chat/completions"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(rawBody))
              .build();
      HttpRequest service =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/score"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"items\": [{\"id\": \"a\", \"scorer\": \"rubric\", \"prompt\": \"Why?\","
                          + " \"response\": \""
                          + response
                          + "\", \"reference\": {\"task\": \"essay\"}}]}"))
              .build();
      // warm-up
      time(http, raw, 500);
      time(http, service, 500);
      int block = 100;
      long[] rawNs = new long[calls];
      long[] serviceNs = new long[calls];
      for (int done = 0; done < calls; done += block) {
        int n = Math.min(block, calls - done);
        System.arraycopy(time(http, raw, n), 0, rawNs, done, n);
        System.arraycopy(time(http, service, n), 0, serviceNs, done, n);
      }
      HttpRequest refine =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/v1/rubrics/essay/refine"))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      long[] refineNs = time(http, refine, refinements);
      String last = http.send(refine, HttpResponse.BodyHandlers.ofString()).body();
      System.out.printf(
          "calls=%d (alternating blocks of %d), refinements=%d%n", calls, block, refinements);
      report("raw backend call   ", rawNs);
      report("service /v1/score  ", serviceNs);
      System.out.printf(
          "added by the service: p50 %.3f ms, p99 %.3f ms%n",
          (pct(serviceNs, 50) - pct(rawNs, 50)) / 1e6, (pct(serviceNs, 99) - pct(rawNs, 99)) / 1e6);
      report("refinement cycle   ", refineNs);
      System.out.println("last refinement outcome: " + last);
    }
  }

  static String rawBody(String baseUrl, String response) {
    RubricVersion essay =
        Rubrics.essay(
            "Write a short argumentative essay answering the prompt.",
            new RubricItem("States a clear thesis that answers the prompt.", 3, List.of("x")),
            new RubricItem("Supports the thesis with specific, relevant evidence.", 4, List.of()),
            new RubricItem(
                "Is concise and well organized; no filler or repetition.", 3, List.of()));
    JudgeRequest req = RubricPrompt.request(essay, "Why?", response);
    JudgeClientSettings s = JudgeClientSettings.of(baseUrl, "judge-7b");
    return JsonMapper.builder()
        .build()
        .writeValueAsString(
            java.util.Map.of(
                "model",
                s.model(),
                "temperature",
                0.0,
                "max_tokens",
                1024,
                "messages",
                req.messages().stream()
                    .map(m -> java.util.Map.of("role", m.role(), "content", m.content()))
                    .toList()));
  }

  static long[] time(HttpClient http, HttpRequest request, int n) throws Exception {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      out[i] = System.nanoTime() - t0;
      if (r.statusCode() != 200 || r.body().contains("\"mask\":true")) {
        throw new IllegalStateException("unexpected answer " + r.statusCode() + ": " + r.body());
      }
    }
    return out;
  }

  static double pct(long[] ns, double p) {
    long[] s = ns.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.ceil(p / 100.0 * s.length) - 1)];
  }

  static void report(String label, long[] ns) {
    System.out.printf(
        "%s n=%d p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n",
        label, ns.length, pct(ns, 50) / 1e6, pct(ns, 90) / 1e6, pct(ns, 99) / 1e6);
  }
}
