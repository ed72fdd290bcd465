package dev.arbiter.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.client.RewardClientException;
import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.gateway.support.Apps;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The raw Reactor Netty backend against a scripted JDK HTTP server. */
class HttpBackendTest {

  private HttpServer server;
  private final AtomicReference<String> lastBody = new AtomicReference<>();
  private final AtomicReference<String> lastContentType = new AtomicReference<>();
  private final AtomicReference<String> lastAccept = new AtomicReference<>();
  private final AtomicReference<String> lastQuery = new AtomicReference<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String serve(int status, String body) throws IOException {
    return serve(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private String serve(int status, String contentType, byte[] bytes) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          lastBody.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          lastContentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
          lastAccept.set(exchange.getRequestHeaders().getFirst("Accept"));
          lastQuery.set(exchange.getRequestURI().getQuery());
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static ItemBatch items(int n) {
    return ItemBatch.of(
        java.util.stream.IntStream.range(0, n)
            .mapToObj(i -> new ScoreItem("i" + i, "echo", null, "0." + i, Map.of(), Map.of(), null))
            .toList());
  }

  private static HttpBackend backend(String url) {
    return new HttpBackend("svc", url, Duration.ofSeconds(5), 4, 1024);
  }

  @Test
  void sendsTheItemsAsJsonAndReadsResultsInOrder() throws IOException {
    String url =
        serve(
            200,
            "{\"results\":[{\"id\":\"i0\",\"reward\":0.0,\"status\":\"ok\"},"
                + "{\"id\":\"i1\",\"reward\":0.1,\"status\":\"ok\"}]}");
    List<ScoreResult> results = backend(url).score(items(2)).block();
    assertThat(results).extracting(ScoreResult::id).containsExactly("i0", "i1");
    assertThat(results).extracting(ScoreResult::reward).containsExactly(0.0, 0.1);
    assertThat(lastContentType.get()).isEqualTo("application/json");
    assertThat(lastQuery.get()).isEqualTo("groups=false");
    assertThat(lastBody.get()).contains("\"items\"").contains("\"response\":\"0.1\"");
  }

  @Test
  void aNonSuccessStatusIsARewardClientExceptionWithTheBody() throws IOException {
    String url = serve(503, "{\"title\":\"busy\"}");
    assertThatThrownBy(() -> backend(url).score(items(1)).block())
        .isInstanceOfSatisfying(
            RewardClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("busy");
            });
  }

  @Test
  void aResultCountMismatchIsAnError() throws IOException {
    String url = serve(200, "{\"results\":[{\"id\":\"i0\",\"reward\":1.0,\"status\":\"ok\"}]}");
    assertThatThrownBy(() -> backend(url).score(items(2)).block())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 results for 2 items");
  }

  @Test
  void unreadableJsonIsAnError() throws IOException {
    String url = serve(200, "<html>not json</html>");
    assertThatThrownBy(() -> backend(url).score(items(1)).block())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unreadable body");
  }

  @Test
  void asksForSmileAndReadsIt() throws IOException {
    byte[] smile =
        ArbiterJson.smileMapper()
            .writeValueAsBytes(
                new ScoreResponse(
                    List.of(
                        ScoreResult.ok("i0", 0.5, Map.of("a", 1.0), Map.of()),
                        ScoreResult.failure("i1", ScoreStatus.ERROR, "boom")),
                    Map.of()));
    String url = serve(200, ArbiterJson.SMILE_MEDIA_TYPE, smile);

    List<ScoreResult> results = backend(url).score(items(2)).block();

    assertThat(lastAccept.get()).startsWith(ArbiterJson.SMILE_MEDIA_TYPE + ",");
    assertThat(results).extracting(ScoreResult::reward).containsExactly(0.5, null);
    assertThat(results)
        .extracting(ScoreResult::status)
        .containsExactly(ScoreStatus.OK, ScoreStatus.ERROR);
    assertThat(results.get(0).components()).containsEntry("a", 1.0);
    assertThat(results.get(1).mask()).isTrue();
  }

  @Test
  void forwardsDecodedItemsAsTheClientsOwnBytes() throws IOException {
    String url =
        serve(
            200,
            "{\"results\":[{\"id\":\"b\",\"reward\":1.0,\"status\":\"ok\"},"
                + "{\"id\":\"a\",\"reward\":0.0,\"status\":\"ok\"}]}");
    String a = "{ \"id\":\"a\", \"scorer\":\"echo\", \"response\":\"0\", \"x\": [1] }";
    String b = "{\"response\":\"1\",\"scorer\":\"echo\",\"id\":\"b\"}";
    ItemBatch items =
        ItemBatch.of(
            new ForwardingRequestDecoder(ArbiterJson.mapper())
                .decode(("{\"items\":[" + a + ",\n" + b + "]}").getBytes(StandardCharsets.UTF_8)));

    List<ScoreResult> results = backend(url).score(items.select(List.of(1, 0))).block();

    assertThat(lastBody.get()).isEqualTo("{\"items\":[" + b + "," + a + "]}");
    assertThat(results).extracting(ScoreResult::id).containsExactly("b", "a");
  }

  @Test
  void aCallFromAnEventLoopIsAnsweredOnThatLoop() throws Exception {
    String url = serve(200, "{\"results\":[{\"id\":\"i0\",\"reward\":0.0,\"status\":\"ok\"}]}");
    HttpBackend backend = backend(url);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      EventLoop loop = group.next();
      CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
      CompletableFuture<Thread> loopThread = new CompletableFuture<>();
      loop.execute(
          () -> {
            loopThread.complete(Thread.currentThread());
            backend
                .score(items(1))
                .subscribe(
                    r -> answeredOn.complete(Thread.currentThread()),
                    answeredOn::completeExceptionally);
          });
      assertThat(answeredOn.get(10, TimeUnit.SECONDS)).isSameAs(loopThread.get());
      // off a loop, the shared client's threads answer
      CompletableFuture<Thread> offLoop = new CompletableFuture<>();
      backend.score(items(1)).subscribe(r -> offLoop.complete(Thread.currentThread()));
      assertThat(offLoop.get(10, TimeUnit.SECONDS)).isNotSameAs(loopThread.get());
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBodyOverTheLimitIsRefused() throws IOException {
    String url = serve(200, "{\"results\":[],\"pad\":\"" + "x".repeat(4096) + "\"}");
    assertThatThrownBy(() -> backend(url).score(items(1)).block())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more than 1024 bytes");
  }

  @Test
  void aClosedPortIsAnIoError() {
    HttpBackend backend = backend("http://127.0.0.1:" + Apps.freePort());
    assertThatThrownBy(() -> backend.score(items(1)).block())
        .satisfies(e -> assertThat(rootOrSelf(e)).isInstanceOf(IOException.class));
  }

  @Test
  void readsDescriptors() throws IOException {
    String url = serve(200, "[{\"id\":\"echo\",\"version\":\"1\"}]");
    assertThat(backend(url).descriptors().block()).hasSize(1);
  }

  private static Throwable rootOrSelf(Throwable e) {
    Throwable t = e;
    while (!(t instanceof IOException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
