package dev.arbiter.gateway.bench;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResponse;
import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.gateway.routing.ForwardingRequestDecoder;
import dev.arbiter.gateway.routing.ItemBatch;
import dev.arbiter.verifier.vision.detection.DetectionScorer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * What the gateway's extra hop costs in codec work for the {@link GatewayLatencyHarness} batch (64
 * detection items, 5 × 5 boxes): the request it decodes and sends on, the answer it reads back.
 *
 * <ul>
 *   <li>{@code request*}: decoding the client's JSON (Jackson alone, or with the item spans the
 *       gateway records), then making the backend's body: encoding the items again, or copying the
 *       client's bytes ({@link ItemBatch#requestBody()});
 *   <li>{@code response*}: the service's 64 results written and read in JSON and in Smile.
 * </ul>
 *
 * <p>Run: {@code scripts/bench reward-gateway GatewayCodecBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GatewayCodecBenchmark {

  private final JsonMapper json = ArbiterJson.mapper();
  private final SmileMapper smile = ArbiterJson.smileMapper();
  private final ForwardingRequestDecoder forwarding = new ForwardingRequestDecoder(json);
  private ObjectReader jsonRequestReader;
  private ObjectWriter jsonRequestWriter;
  private ObjectReader jsonResponseReader;
  private ObjectWriter jsonResponseWriter;
  private ObjectReader smileResponseReader;
  private ObjectWriter smileResponseWriter;
  private ScoreRequest request;
  private ItemBatch forwardable;
  private ScoreResponse response;
  private byte[] requestJson;
  private byte[] responseJson;
  private byte[] responseSmile;

  @Setup
  public void setUp() {
    List<ScoreItem> items = GatewayLatencyHarness.items("detection", 64);
    request = ScoreRequest.of(items);
    DetectionScorer scorer = new DetectionScorer(300, 65_536);
    response = new ScoreResponse(items.stream().map(scorer::score).toList(), Map.of());
    jsonRequestReader = json.readerFor(ScoreRequest.class);
    jsonRequestWriter = json.writerFor(ScoreRequest.class);
    jsonResponseReader = json.readerFor(ScoreResponse.class);
    jsonResponseWriter = json.writerFor(ScoreResponse.class);
    smileResponseReader = smile.readerFor(ScoreResponse.class);
    smileResponseWriter = smile.writerFor(ScoreResponse.class);
    requestJson = jsonRequestWriter.writeValueAsBytes(request);
    responseJson = jsonResponseWriter.writeValueAsBytes(response);
    responseSmile = smileResponseWriter.writeValueAsBytes(response);
    forwardable = ItemBatch.of(forwarding.decode(requestJson));
  }

  @Benchmark
  public ScoreRequest requestDecodeJackson() {
    return jsonRequestReader.readValue(requestJson);
  }

  @Benchmark
  public ScoreRequest requestDecodeWithSpans() {
    return forwarding.decode(requestJson);
  }

  @Benchmark
  public byte[] requestBodyEncoded() {
    return jsonRequestWriter.writeValueAsBytes(ScoreRequest.of(request.items()));
  }

  @Benchmark
  public byte[] requestBodyForwarded() {
    return forwardable.requestBody().orElseThrow();
  }

  @Benchmark
  public byte[] responseWriteJson() {
    return jsonResponseWriter.writeValueAsBytes(response);
  }

  @Benchmark
  public ScoreResponse responseReadJson() {
    return jsonResponseReader.readValue(responseJson);
  }

  @Benchmark
  public byte[] responseWriteSmile() {
    return smileResponseWriter.writeValueAsBytes(response);
  }

  @Benchmark
  public ScoreResponse responseReadSmile() {
    return smileResponseReader.readValue(responseSmile);
  }

  /** Prints the sizes of the bodies above. */
  public static void main(String[] args) {
    GatewayCodecBenchmark b = new GatewayCodecBenchmark();
    b.setUp();
    System.out.printf(
        "request %d B JSON; response %d B JSON, %d B Smile%n",
        b.requestJson.length, b.responseJson.length, b.responseSmile.length);
  }
}
