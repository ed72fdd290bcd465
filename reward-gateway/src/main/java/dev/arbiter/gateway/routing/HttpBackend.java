package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.client.RewardClientException;
import dev.arbiter.api.json.ArbiterJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.internal.ThreadExecutorMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * A remote scorer service reached with Reactor Netty's {@link HttpClient} on the gateway's own
 * event loops: pooled keep-alive connections, no thread hop per call, cancellation that closes the
 * exchange, and Jackson straight to and from bytes, without WebClient's codec layer (what each of
 * these saves is measured in BENCHMARKS.md). A batch with the client's bytes ({@link
 * ItemBatch#requestBody()}) is sent as those bytes, any other is encoded. Raw: failures propagate
 * as errors (non-2xx as {@link RewardClientException}, connection failures as {@link
 * IOException}s); {@link ResilientBackend} turns them into masked results.
 */
public final class HttpBackend implements Backend {

  /**
   * Scoring calls ask the service to leave out group statistics: the gateway computes them over the
   * final rewards of the whole request (a group may span backends and micro-batches, and a
   * profile's reward is not any one scorer's), so the service's would be discarded unread.
   */
  static final String SCORE_PATH = "/v1/score?groups=false";

  /** Largest response body read from a backend by default. */
  static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

  /**
   * Answers in Smile where the service speaks it (Arbiter's services do; cheaper to write and read
   * than JSON), JSON otherwise.
   */
  static final String ACCEPT =
      ArbiterJson.SMILE_MEDIA_TYPE + ", application/json;q=0.9, application/problem+json;q=0.8";

  private static final JsonMapper JSON = ArbiterJson.mapper();
  private static final ObjectWriter REQUEST_WRITER = JSON.writerFor(ScoreRequest.class);
  private static final Readers RESPONSE_READER = Readers.of(m -> m.readerFor(ScoreResponse.class));
  private static final Readers DESCRIPTORS_READER =
      Readers.of(
          m ->
              m.readerFor(
                  m.getTypeFactory().constructCollectionType(List.class, ScorerDescriptor.class)));

  /** One type's readers for both forms a service may answer in. */
  private record Readers(ObjectReader json, ObjectReader smile) {

    private static final SmileMapper SMILE = ArbiterJson.smileMapper();

    static Readers of(Function<ObjectMapper, ObjectReader> reader) {
      return new Readers(reader.apply(JSON), reader.apply(SMILE));
    }

    ObjectReader forContentType(String contentType) {
      return contentType != null
              && contentType.regionMatches(
                  true, 0, ArbiterJson.SMILE_MEDIA_TYPE, 0, ArbiterJson.SMILE_MEDIA_TYPE.length())
          ? smile
          : json;
    }
  }

  private final String name;
  private final String baseUrl;
  private final HttpClient http;
  private final int maxResponseBytes;
  private final Duration timeout;
  private final int maxConnections;

  /** One client and pool per event loop that has called this backend (see {@link #client()}). */
  private final Map<EventLoop, HttpClient> perLoop = new ConcurrentHashMap<>();

  /**
   * @param timeout how long a call may wait for a pooled connection; the time limit of the whole
   *     call is {@link ResilientBackend}'s, which follows the scorers of the call's items
   */
  public HttpBackend(String name, String baseUrl, Duration timeout, int maxConnections) {
    this(name, baseUrl, timeout, maxConnections, MAX_RESPONSE_BYTES);
  }

  HttpBackend(
      String name, String baseUrl, Duration timeout, int maxConnections, int maxResponseBytes) {
    this.name = name;
    this.maxResponseBytes = maxResponseBytes;
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.maxConnections = maxConnections;
    this.http = configure(HttpClient.create(pool("backend-" + name)));
  }

  private ConnectionProvider pool(String poolName) {
    return ConnectionProvider.builder(poolName)
        .maxConnections(maxConnections)
        .pendingAcquireTimeout(timeout)
        .maxIdleTime(Duration.ofSeconds(30))
        .build();
  }

  private HttpClient configure(HttpClient client) {
    return client
        .baseUrl(baseUrl)
        .compress(false)
        .headers(
            h ->
                h.set(HttpHeaderNames.ACCEPT, ACCEPT)
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
  }

  /**
   * The client to call with from the current thread. On an event loop (the gateway's inbound
   * request is read on one) that is a client whose connections live on that same loop, so the call
   * is written, read and answered without handing the exchange to another thread. Each loop's pool
   * holds up to {@code maxConnections}. Elsewhere (a retry after its backoff, a test) the shared
   * client.
   */
  private HttpClient client() {
    if (ThreadExecutorMap.currentExecutor() instanceof EventLoop loop) {
      return perLoop.computeIfAbsent(
          loop,
          l ->
              configure(
                  HttpClient.create(pool("backend-" + name + "-" + perLoop.size())).runOn(l)));
    }
    return http;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Mono<List<ScoreResult>> score(ItemBatch batch) {
    // made at subscription, so a retry re-sends the same bytes from a fresh buffer
    Mono<ByteBuf> body =
        Mono.fromCallable(
            () ->
                Unpooled.wrappedBuffer(
                    batch.requestBody().orElseGet(() -> encode(ScoreRequest.of(batch.items())))));
    return Mono.defer(
            () ->
                this.<ScoreResponse>call(
                    client().post().uri(SCORE_PATH).send(body), RESPONSE_READER))
        .map(response -> aligned(response, batch.size()));
  }

  private static byte[] encode(ScoreRequest request) {
    return REQUEST_WRITER.writeValueAsBytes(request);
  }

  @Override
  public Mono<List<ScorerDescriptor>> descriptors() {
    return call(http.get().uri("/v1/scorers"), DESCRIPTORS_READER);
  }

  /** Sends {@code request} and reads the answer with {@code reader} (non-2xx: an error). */
  private <T> Mono<T> call(HttpClient.ResponseReceiver<?> request, Readers reader) {
    return request
        .response(
            (response, body) -> read(body).map(bytes -> this.<T>decode(response, bytes, reader)))
        .single();
  }

  /** The whole body, refusing one over the size limit. */
  private Mono<byte[]> read(ByteBufFlux body) {
    return body.asByteArray()
        .reduceWith(
            ByteArrayOutputStream::new,
            (out, chunk) -> {
              if (out.size() + chunk.length > maxResponseBytes) {
                throw new IllegalStateException(
                    "backend " + name + " answered more than " + maxResponseBytes + " bytes");
              }
              out.write(chunk, 0, chunk.length);
              return out;
            })
        .map(ByteArrayOutputStream::toByteArray)
        .defaultIfEmpty(new byte[0]);
  }

  private <T> T decode(HttpClientResponse response, byte[] bytes, Readers readers) {
    HttpResponseStatus status = response.status();
    if (status.code() / 100 != 2) {
      throw new RewardClientException(status.code(), new String(bytes, StandardCharsets.UTF_8));
    }
    try {
      return readers
          .forContentType(response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE))
          .readValue(bytes);
    } catch (JacksonException e) {
      throw new IllegalStateException("backend " + name + " answered an unreadable body", e);
    }
  }

  private List<ScoreResult> aligned(ScoreResponse response, int expected) {
    if (response.results().size() != expected) {
      throw new IllegalStateException(
          "backend "
              + name
              + " answered "
              + response.results().size()
              + " results for "
              + expected
              + " items");
    }
    return response.results();
  }

  @Override
  public String toString() {
    return name + " at " + baseUrl;
  }
}
