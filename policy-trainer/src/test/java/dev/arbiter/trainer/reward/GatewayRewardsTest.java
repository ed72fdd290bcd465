package dev.arbiter.trainer.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.client.RewardClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayRewardsTest {

  private static final List<ScoreItem> ITEMS =
      List.of(new ScoreItem("a", "math", "1+1=", "2", Map.of("answer", "2"), Map.of(), "g"));
  private static final String OK_BODY =
      """
      {"results":[{"id":"a","reward":1.0,"status":"ok","mask":false}],"groups":{}}""";

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A gateway that answers {@code failures} times with {@code status}, then 200. */
  private String scripted(int failures, int status, AtomicInteger calls) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/score",
        exchange -> {
          int n = calls.incrementAndGet();
          boolean fail = n <= failures;
          byte[] body =
              (fail ? "{\"title\":\"scripted\"}" : OK_BODY).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(fail ? status : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static GatewayRewards rewards(String url, int attempts) {
    return new GatewayRewards(
        RewardClient.create(url, Duration.ofSeconds(5)), attempts, Duration.ofMillis(10));
  }

  @Test
  void score_retriesServerErrorsThenSucceeds() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    String url = scripted(2, 503, calls);
    var results = rewards(url, 3).score(ITEMS).join();
    assertThat(results).hasSize(1);
    assertThat(results.get(0).reward()).isEqualTo(1.0);
    assertThat(calls).hasValue(3);
  }

  @Test
  void score_doesNotRetryClientErrors() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    String url = scripted(5, 422, calls);
    assertThatThrownBy(() -> rewards(url, 4).score(ITEMS).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(GatewayUnavailableException.class)
        .hasMessageContaining("after 1 attempt(s)");
    assertThat(calls).hasValue(1);
  }

  @Test
  void score_stopsClearlyWhenGatewayIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GatewayRewards rewards = rewards("http://127.0.0.1:" + port, 3);
    assertThatThrownBy(() -> rewards.score(ITEMS).join())
        .hasCauseInstanceOf(GatewayUnavailableException.class)
        .hasMessageContaining("did not score the batch after 3 attempt(s)");
  }
}
