package dev.arbiter.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Reading and checking raw HTTP/1.1 answers, for the edge tests that talk over a plain socket. */
final class RawHttp {

  private RawHttp() {}

  /**
   * Reads until the server closes the connection; a reset after the answer keeps what arrived.
   *
   * @throws AssertionError when the socket's read timeout passes first: the server kept the
   *     connection open
   */
  static String readToEnd(InputStream in) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        bytes.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open: " + bytes, e);
    } catch (IOException e) {
      // a reset after the answer: keep what arrived
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A problem answer of {@code status} and problem {@code type}, closing the connection. */
  static void assertProblem(String answer, int status, String type) {
    assertThat(answer)
        .startsWith("HTTP/1.1 " + status)
        .containsIgnoringCase("content-type: application/problem+json")
        .containsIgnoringCase("connection: close")
        .contains("\"type\":\"https://arbiter.dev/problems/" + type + "\"")
        .contains("\"status\":" + status);
  }
}
