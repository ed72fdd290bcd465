package dev.arbiter.server.edge;

import static dev.arbiter.server.edge.RawHttp.assertProblem;
import static dev.arbiter.server.edge.RawHttp.readToEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.server.TestScorerApp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Bodies over the limit, cut off at every point a client can leave them: the answer is a 413 (or a
 * 408 for a body that stalls under the limit), delivered to a client that is still writing, and no
 * buffer leaks or is released twice on the way (paranoid leak detection, {@link NettyLeakWatch}).
 * The tests that watch for leaks run first: a chunked body cut off by the codecs' limit still hits
 * an over-release below this module (see the {@code edge} package-info), which a connection closing
 * late would log into a later test's watch.
 */
@SpringBootTest(
    classes = TestScorerApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.scoring.max-body-size=2KB",
      "arbiter.scoring.request-read-timeout=2s",
      "server.netty.idle-timeout=30s"
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BodyLimitEdgeIT {

  private static final String HEAD =
      "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
  private static final String SMALL =
      "{\"items\":[{\"id\":\"a\",\"scorer\":\"echo\",\"response\":\"1\"}]}";

  @LocalServerPort int port;
  WebTestClient client;

  @BeforeEach
  void setUp() {
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(60))
            .build();
  }

  @Test
  @Order(1)
  void declaredLengthOverLimit_fullBodyIs413WithoutLeaks() {
    try (NettyLeakWatch watch = new NettyLeakWatch()) {
      String body = bigJson(8_000);
      String answer = exchange(HEAD + "Content-Length: " + body.length() + "\r\n\r\n" + body);
      assertProblem(answer, 413, "body-too-large");
      watch.assertNoLeaks(this::scoreSmall);
    }
  }

  @Test
  @Order(1)
  void declaredLengthOverLimit_partialBodyThenCloseIs413WithoutLeaks() throws IOException {
    try (NettyLeakWatch watch = new NettyLeakWatch()) {
      try (Socket socket = socket()) {
        write(socket, HEAD + "Content-Length: 64000\r\n\r\n" + "x".repeat(5_000));
        assertProblem(readToEnd(socket.getInputStream()), 413, "body-too-large");
      }
      watch.assertNoLeaks(this::scoreSmall);
    }
  }

  @Test
  void chunkedOverLimit_isCutOffWith413() {
    String answer =
        exchange(HEAD + "Transfer-Encoding: chunked\r\n\r\n" + chunked(bigJson(8_000), 1_000));
    assertProblem(answer, 413, "body-too-large");
  }

  @Test
  void chunkedOverLimit_thatStallsIs413() throws IOException {
    try (Socket socket = socket()) {
      String chunks = chunked(bigJson(8_000), 1_000);
      // three 1000-byte chunks pass the 2 KB limit; the rest (and the last chunk) never comes
      write(socket, HEAD + "Transfer-Encoding: chunked\r\n\r\n" + chunks.substring(0, 3_020));
      assertProblem(readToEnd(socket.getInputStream()), 413, "body-too-large");
    }
  }

  @Test
  @Order(1)
  void bodyUnderLimit_thatStallsIs408WithoutLeaks() throws IOException {
    try (NettyLeakWatch watch = new NettyLeakWatch()) {
      try (Socket socket = socket()) {
        write(socket, HEAD + "Content-Length: 1000\r\n\r\n" + SMALL);
        assertProblem(readToEnd(socket.getInputStream()), 408, "request-timeout");
      }
      watch.assertNoLeaks(this::scoreSmall);
    }
  }

  @Test
  @Order(1)
  void invalidFraming_withBodyIs400WithoutLeaks() {
    try (NettyLeakWatch watch = new NettyLeakWatch()) {
      String body = chunked(bigJson(8_000), 1_000);
      String answer =
          exchange(
              HEAD
                  + "Content-Length: "
                  + body.length()
                  + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + body);
      assertProblem(answer, 400, "malformed-request");
      watch.assertNoLeaks(this::scoreSmall);
    }
  }

  /**
   * A client still writing a large body when the 413 comes gets that answer, not a reset: the
   * server reads and drops the rest of the body before it closes (a close with unread input resets
   * the connection, and the client's next write fails before it reads the answer).
   */
  @Test
  void declaredLengthOverLimit_clientStillWritingGetsThe413() {
    byte[] big = bigJson(1 << 20).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20; i++) {
      client
          .post()
          .uri("/v1/score")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(big)
          .exchange()
          .expectStatus()
          .isEqualTo(413)
          .expectHeader()
          .valueEquals("Connection", "close")
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("https://arbiter.dev/problems/body-too-large");
    }
  }

  /** The drain after an early answer is bounded: a client that keeps sending is cut off. */
  @Test
  void declaredLengthOverLimit_drainIsBounded() throws IOException {
    byte[] block = new byte[64 * 1024];
    long written = 0;
    try (Socket socket = socket()) {
      write(socket, HEAD + "Content-Length: 1000000000\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      // 64 MiB, 16 times the drain's bound: the server closes long before the last block
      for (; written < 64L << 20; written += block.length) {
        out.write(block);
      }
    } catch (IOException e) {
      // the server stopped reading and closed the connection
    }
    assertThat(written).isLessThan(64L << 20);
  }

  /** The same without Content-Length: the codec's limit stops the body part way. */
  @Test
  void chunkedOverLimit_clientStillWritingGetsThe413() {
    byte[] big = bigJson(1 << 20).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20; i++) {
      client
          .post()
          .uri("/v1/score")
          .contentType(MediaType.APPLICATION_JSON)
          .body(
              Flux.range(0, 64)
                  .map(c -> Arrays.copyOfRange(big, c * big.length / 64, (c + 1) * big.length / 64))
                  .map(DefaultDataBufferFactory.sharedInstance::wrap),
              DataBuffer.class)
          .exchange()
          .expectStatus()
          .isEqualTo(413)
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("https://arbiter.dev/problems/body-too-large");
    }
  }

  /**
   * A well-formed request over a raw socket (an HTTP client's own buffers would be watched too).
   */
  private void scoreSmall() {
    String answer =
        exchange(
            HEAD + "Connection: close\r\nContent-Length: " + SMALL.length() + "\r\n\r\n" + SMALL);
    assertThat(answer).startsWith("HTTP/1.1 200");
  }

  private static String bigJson(int size) {
    String head = "{\"items\":[{\"id\":\"a\",\"scorer\":\"echo\",\"response\":\"";
    return head + "9".repeat(Math.max(0, size - head.length() - 4)) + "\"}]}";
  }

  private static String chunked(String body, int chunk) {
    StringBuilder out = new StringBuilder();
    for (int at = 0; at < body.length(); at += chunk) {
      String part = body.substring(at, Math.min(body.length(), at + chunk));
      out.append(Integer.toHexString(part.length())).append("\r\n").append(part).append("\r\n");
    }
    return out.append("0\r\n\r\n").toString();
  }

  private Socket socket() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(60_000);
    return socket;
  }

  private static void write(Socket socket, String raw) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(raw.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String exchange(String raw) {
    try (Socket socket = socket()) {
      try {
        write(socket, raw);
      } catch (IOException e) {
        // the server may answer and close before it has read everything; the answer is still there
      }
      return readToEnd(socket.getInputStream());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
