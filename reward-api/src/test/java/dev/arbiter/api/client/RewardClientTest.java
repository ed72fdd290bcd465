package dev.arbiter.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.json.ArbiterJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@link RewardClient} against the JDK's HTTP server on 127.0.0.1 with scripted answers. */
class RewardClientTest {

  record Answer(int status, Map<String, String> headers, String body) {}

  private final JsonMapper json = ArbiterJson.mapper();
  private final ConcurrentLinkedQueue<String> paths = new ConcurrentLinkedQueue<>();
  private final List<ScoreRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentLinkedQueue<Function<byte[], Answer>> script =
      new ConcurrentLinkedQueue<>();
  private HttpServer server;
  private String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    paths.add(exchange.getRequestURI().getPath());
    Function<byte[], Answer> step = script.poll();
    Answer answer = step != null ? step.apply(body) : echo(body);
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  /** Reward = the response as a number; the request is recorded. */
  private Answer echo(byte[] body) {
    if (body.length == 0) {
      return new Answer(200, Map.of(), "{\"visual-rft\":{\"components\":[]}}");
    }
    ScoreRequest request = json.readValue(body, ScoreRequest.class);
    requests.add(request);
    List<ScoreResult> results = new ArrayList<>();
    for (ScoreItem item : request.items()) {
      results.add(
          ScoreResult.ok(item.id(), Double.parseDouble(item.response()), Map.of(), Map.of()));
    }
    return new Answer(200, Map.of(), json.writeValueAsString(new ScoreResponse(results, null)));
  }

  private static Function<byte[], Answer> once(
      int status, Map<String, String> headers, String body) {
    return b -> new Answer(status, headers, body);
  }

  private static ScoreItem item(int i, String group) {
    return new ScoreItem("r" + i, "echo", null, Integer.toString(i), Map.of(), Map.of(), group);
  }

  private RewardClient.Builder client(String base) {
    return RewardClient.builder(base)
        .timeout(Duration.ofSeconds(10))
        .backoff(Duration.ofMillis(10), Duration.ofSeconds(2));
  }

  @Test
  void score_keepsThePathPrefix() {
    client(url + "/arbiter/").build().score(ScoreRequest.of(List.of(item(1, null)))).join();
    assertThat(paths).containsExactly("/arbiter/v1/score");
  }

  @Test
  void score_retries503HonouringRetryAfter_thenSucceeds() {
    script.add(once(503, Map.of("Retry-After", "1"), "{\"status\":503}"));
    long start = System.nanoTime();
    ScoreResponse response =
        client(url).build().score(ScoreRequest.of(List.of(item(3, null)))).join();
    assertThat(response.results().get(0).reward()).isEqualTo(3.0);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(paths).hasSize(2);
  }

  @Test
  void score_doesNotRetryA4xx_andDecodesTheProblemAsUtf8() {
    script.add(
        once(
            422,
            Map.of("Content-Type", "application/problem+json"),
            "{\"detail\":\"profil « é » inconnu\"}"));
    assertThatThrownBy(
            () -> client(url).build().score(ScoreRequest.of(List.of(item(1, null)))).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            RewardClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.body()).contains("profil « é » inconnu");
              assertThat(e.retryable()).isFalse();
            });
    assertThat(paths).hasSize(1);
  }

  @Test
  void score_givesUpAfterTheRetries() {
    for (int i = 0; i < 3; i++) {
      script.add(once(500, Map.of(), "{}"));
    }
    assertThatThrownBy(
            () ->
                client(url)
                    .retries(2)
                    .build()
                    .score(ScoreRequest.of(List.of(item(1, null))))
                    .join())
        .cause()
        .isInstanceOfSatisfying(
            RewardClientException.class, e -> assertThat(e.status()).isEqualTo(500));
    assertThat(paths).hasSize(3);
  }

  @Test
  void score_connectionRefused_isRetriedThenFails() throws IOException {
    server.stop(0);
    assertThatThrownBy(
            () ->
                client(url)
                    .retries(1)
                    .build()
                    .score(ScoreRequest.of(List.of(item(1, null))))
                    .join())
        .cause()
        .isInstanceOf(IOException.class);
  }

  @Test
  void score_chunksKeepingGroupsWhole_resultsInRequestOrder() {
    List<ScoreItem> items = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      items.add(item(i, i % 3 == 2 ? null : (i % 3 == 0 ? "a" : "b")));
    }
    ScoreResponse response = client(url).maxItems(4).build().score(ScoreRequest.of(items)).join();
    assertThat(response.results())
        .extracting(ScoreResult::id)
        .containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8");
    assertThat(response.results())
        .extracting(ScoreResult::reward)
        .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
    assertThat(requests).allSatisfy(r -> assertThat(r.items().size()).isLessThanOrEqualTo(4));
    for (String group : List.of("a", "b")) {
      assertThat(
              requests.stream()
                  .filter(r -> r.items().stream().anyMatch(i -> group.equals(i.group()))))
          .hasSize(1);
    }
  }

  @Test
  void getRewardAndProfiles_useTheirPaths() {
    script.add(
        once(200, Map.of(), "{\"rewards\":[1.0],\"scores\":[1.0],\"extra_logs\":{\"valid\":[1]}}"));
    GetRewardResponse reward =
        client(url + "/x")
            .build()
            .getReward(List.of("Q A"), List.of("Q "), List.of(List.of(8, "eight")))
            .join();
    assertThat(reward.rewards()).containsExactly(1.0);
    assertThat(reward.extraLogs()).containsEntry("valid", List.of(1.0));
    assertThat(client(url + "/x").build().profiles().join()).containsKey("visual-rft");
    assertThat(paths).containsExactly("/x/get_reward", "/x/v1/profiles");
  }
}
