package dev.arbiter.model.judge.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arbiter.model.judge.ChatMessage;
import dev.arbiter.model.judge.TokenLogprob;
import dev.arbiter.model.judge.TopLogprob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible server that answers {@code POST /v1/chat/completions} (also without the
 * {@code /v1}) from a script: first from the queue filled by {@link #enqueue}, then from the
 * {@linkplain #respondWith responder} (by default HTTP 500 "no scripted reply"). Records every
 * request. Binds 127.0.0.1 on a free port; handles requests concurrently, so delays of one do not
 * hold back the others.
 *
 * <pre>{@code
 * try (ScriptedJudgeServer server = ScriptedJudgeServer.start()) {
 *   server.enqueue(ScriptedReply.status(500, "{}"), ScriptedReply.text("Score: 7"));
 *   JudgeClient client = new OpenAiJudgeClient(JudgeClientSettings.of(server.baseUrl(), "m"));
 * }
 * }</pre>
 */
public final class ScriptedJudgeServer implements AutoCloseable {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Queue<ScriptedReply> queue = new ConcurrentLinkedQueue<>();
  private final List<RecordedChat> recorded = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Function<RecordedChat, ScriptedReply> responder =
      r -> ScriptedReply.status(500, "{\"error\":{\"message\":\"no scripted reply\"}}");

  private ScriptedJudgeServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a server on 127.0.0.1 and a free port. Turns on {@code sun.net.httpserver.nodelay}
   * (unless set) before the JDK server first loads: without it, Nagle's algorithm against delayed
   * ACKs adds about 40 ms to answers, which would swamp latency measurements.
   */
  public static ScriptedJudgeServer start() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      ExecutorService executor =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "scripted-judge");
                t.setDaemon(true);
                return t;
              });
      ScriptedJudgeServer s = new ScriptedJudgeServer(http, executor);
      http.createContext("/", s::handle);
      http.setExecutor(executor);
      http.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the scripted judge server", e);
    }
  }

  /** {@code http://127.0.0.1:<port>/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Appends replies to the queue; each request takes the head, if any. */
  public ScriptedJudgeServer enqueue(ScriptedReply... replies) {
    queue.addAll(List.of(replies));
    return this;
  }

  /**
   * Answers requests that find the queue empty; pure functions of the request keep tests stable.
   */
  public ScriptedJudgeServer respondWith(Function<RecordedChat, ScriptedReply> fn) {
    this.responder = fn;
    return this;
  }

  /** The requests received so far, in arrival order. */
  public List<RecordedChat> requests() {
    return List.copyOf(recorded);
  }

  public int requestCount() {
    return recorded.size();
  }

  /** Forgets recorded requests and queued replies. */
  public void reset() {
    queue.clear();
    recorded.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String path = exchange.getRequestURI().getPath();
      if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/chat/completions")) {
        send(exchange, 404, "{\"error\":{\"message\":\"not found: " + path + "\"}}");
        return;
      }
      RecordedChat chat = record(body, exchange.getRequestHeaders().getFirst("Authorization"));
      ScriptedReply reply = queue.poll();
      if (reply == null) {
        reply = responder.apply(chat);
      }
      if (!reply.delay().isZero()) {
        try {
          Thread.sleep(reply.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (reply.drop()) {
        return; // closing the exchange unanswered drops the connection
      }
      String out = reply.rawBody() != null ? reply.rawBody() : completion(chat.model(), reply);
      send(exchange, reply.status(), out);
    }
  }

  private RecordedChat record(String body, String authorization) {
    RecordedChat chat;
    try {
      JsonNode root = MAPPER.readTree(body);
      List<ChatMessage> messages = new ArrayList<>();
      for (JsonNode m : root.path("messages")) {
        messages.add(new ChatMessage(m.path("role").asString(""), m.path("content").asString("")));
      }
      JsonNode top = root.path("top_logprobs");
      chat =
          new RecordedChat(
              root.path("model").asString(""),
              messages,
              root.path("logprobs").asBoolean(false),
              top.isNumber() ? top.asInt() : null,
              authorization,
              body);
    } catch (RuntimeException e) {
      chat = new RecordedChat("", List.of(), false, null, authorization, body);
    }
    recorded.add(chat);
    return chat;
  }

  private String completion(String model, ScriptedReply reply) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", "chatcmpl-" + ids.incrementAndGet());
    root.put("object", "chat.completion");
    root.put("created", System.currentTimeMillis() / 1000);
    root.put("model", model);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", reply.content());
    if (reply.logprobs().isEmpty()) {
      choice.putNull("logprobs");
    } else {
      ArrayNode content = choice.putObject("logprobs").putArray("content");
      for (TokenLogprob t : reply.logprobs()) {
        ObjectNode tok = content.addObject().put("token", t.token()).put("logprob", t.logprob());
        ArrayNode top = tok.putArray("top_logprobs");
        for (TopLogprob alt : t.top()) {
          top.addObject().put("token", alt.token()).put("logprob", alt.logprob());
        }
      }
    }
    choice.put("finish_reason", reply.finishReason());
    int completionTokens = Math.max(1, reply.content() == null ? 0 : reply.content().length() / 4);
    root.putObject("usage")
        .put("prompt_tokens", 1)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", 1 + completionTokens);
    return MAPPER.writeValueAsString(root);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
