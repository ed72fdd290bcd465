package dev.arbiter.server.edge;

import static dev.arbiter.server.edge.RawHttp.assertProblem;
import static dev.arbiter.server.edge.RawHttp.readToEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.server.TestScorerApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Malformed framing and slow clients, sent over a raw socket (no HTTP client would send them). */
@SpringBootTest(
    classes = TestScorerApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"arbiter.scoring.request-read-timeout=1s", "server.netty.idle-timeout=30s"})
class HttpEdgeIT {

  private static final String BODY =
      "{\"items\":[{\"id\":\"a\",\"scorer\":\"echo\",\"response\":\"1\"}]}";

  @LocalServerPort int port;

  @Test
  void edge_negativeContentLengthIs400Problem() throws IOException {
    String answer =
        exchange(
            "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: -1\r\n\r\n"
                + BODY);
    assertProblem(answer, 400, "malformed-request");
  }

  @Test
  void edge_contentLengthWithChunkedIs400Problem() throws IOException {
    String chunk = Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n0\r\n\r\n";
    String answer =
        exchange(
            "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + BODY.length()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk);
    assertProblem(answer, 400, "malformed-request");
  }

  @Test
  void edge_oversizedHeadersAre431Problem() throws IOException {
    String answer =
        exchange(
            "POST /v1/score HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000)
                + "\r\nContent-Length: 0\r\n\r\n");
    assertProblem(answer, 431, "headers-too-large");
  }

  @Test
  void edge_oversizedRequestLineIs414Problem() throws IOException {
    String answer =
        exchange("GET /v1/scorers?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertProblem(answer, 414, "uri-too-long");
  }

  @Test
  void edge_wellFormedRequestStillAnswers() throws IOException {
    String answer =
        exchange(
            "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: "
                + BODY.length()
                + "\r\n\r\n"
                + BODY);
    assertThat(answer).startsWith("HTTP/1.1 200").contains("\"status\":\"ok\"");
  }

  @Test
  void edge_halfSentHeadersAreClosedWith408AfterTheReadTimeout() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      long start = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      out.write(
          "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Ty".getBytes(StandardCharsets.UTF_8));
      out.flush();
      String answer = readToEnd(socket.getInputStream());
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsedMs).isGreaterThanOrEqualTo(900);
      assertProblem(answer, 408, "request-timeout");
    }
  }

  @Test
  void edge_bodyThatStopsHalfwayIsClosedWith408() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + BODY.length()
                  + "\r\n\r\n"
                  + BODY.substring(0, 10))
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertProblem(readToEnd(socket.getInputStream()), 408, "request-timeout");
    }
  }

  @Test
  void edge_slowLorisTricklingHeadersIsClosed() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write("POST /v1/score HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.UTF_8));
      // one header byte every 100 ms would take 60 s; the 1 s deadline ends it long before
      boolean closed = false;
      for (int i = 0; i < 600 && !closed; i++) {
        try {
          out.write('X');
          out.flush();
          Thread.sleep(100);
        } catch (IOException e) {
          closed = true;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
        if (!closed && socket.getInputStream().available() > 0) {
          closed = true;
        }
      }
      assertThat(closed).as("the server ended the trickle").isTrue();
      assertProblem(readToEnd(socket.getInputStream()), 408, "request-timeout");
    }
  }

  @Test
  void edge_keptAliveConnectionServesAnotherRequestWithinTheDeadline() throws IOException {
    String request =
        "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            + BODY.length()
            + "\r\n\r\n"
            + BODY;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      String first = readAnswer(socket.getInputStream());
      assertThat(first).startsWith("HTTP/1.1 200");
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200");
    }
  }

  private String exchange(String raw) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before it has read everything; the answer is still there
      }
      return readToEnd(socket.getInputStream());
    }
  }

  /** Reads one answer with a Content-Length body from a kept-alive connection. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int length = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      bytes.write(b);
      String text = bytes.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      if (end >= 0 && length < 0) {
        String headers = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = headers.indexOf("content-length:");
        length =
            Integer.parseInt(headers.substring(at + 15).lines().findFirst().orElseThrow().trim());
      }
      if (length >= 0 && bytes.size() >= end + 4 + length) {
        break;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
