package dev.arbiter.gateway.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A backend that misbehaves on purpose: hangs, or answers a fixed status. */
public final class ScriptedHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  private ScriptedHttpServer(HttpServer server) {
    this.server = server;
  }

  /** Accepts every request and never answers (until closed). */
  public static ScriptedHttpServer hanging() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ScriptedHttpServer scripted = new ScriptedHttpServer(server);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          try {
            scripted.release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.start();
    return scripted;
  }

  /** Answers every request with {@code status} and a problem body. */
  public static ScriptedHttpServer failing(int status) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("{\"title\":\"scripted\",\"status\":" + status + "}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return new ScriptedHttpServer(server);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
