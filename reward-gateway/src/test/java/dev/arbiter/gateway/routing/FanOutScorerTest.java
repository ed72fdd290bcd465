package dev.arbiter.gateway.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.gateway.cache.ResultCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class FanOutScorerTest {

  /** Rewards the response's length; answers later the earlier its batch started (out of order). */
  static final class RecordingBackend implements Backend {
    final String name;
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final List<ItemBatch> batches = Collections.synchronizedList(new ArrayList<>());

    RecordingBackend(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Mono<List<ScoreResult>> score(ItemBatch batch) {
      List<ScoreItem> items = batch.items();
      batchSizes.add(items.size());
      batches.add(batch);
      List<ScoreResult> results =
          items.stream()
              .map(i -> ScoreResult.ok(i.id(), i.response().length(), Map.of(), Map.of()))
              .toList();
      return Mono.just(results).delayElement(Duration.ofMillis(30L / batchSizes.size()));
    }

    @Override
    public Mono<List<ScorerDescriptor>> descriptors() {
      return Mono.just(List.of());
    }
  }

  private static ScoreItem item(String id, String scorer, String response) {
    return new ScoreItem(id, scorer, null, response, Map.of(), Map.of(), null);
  }

  @Test
  void score_splitsByBackendInMicroBatchesAndMergesInRequestOrder() {
    RecordingBackend a = new RecordingBackend("a");
    RecordingBackend b = new RecordingBackend("b");
    RoutingTable routing = new RoutingTable(Map.of("x", a, "y", b));
    ResultCache noCache = new ResultCache(false, 0, 0, new SimpleMeterRegistry(), id -> true);
    FanOutScorer fanOut =
        new FanOutScorer(
            routing, noCache, backend -> 3, new GatewayMetrics(new SimpleMeterRegistry()));

    List<ScoreItem> items = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      items.add(item("i" + i, i % 2 == 0 ? "x" : "y", "r".repeat(i + 1)));
    }
    List<ScoreResult> results = fanOut.score(ItemBatch.of(items)).block();

    assertThat(results)
        .extracting(ScoreResult::id)
        .containsExactly("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7");
    assertThat(results)
        .extracting(ScoreResult::reward)
        .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
    assertThat(a.batchSizes).containsExactlyInAnyOrder(3, 1);
    assertThat(b.batchSizes).containsExactlyInAnyOrder(3, 1);
    assertThat(a.batches).noneMatch(ItemBatch::forwarded);
  }

  @Test
  void score_itemsThatCannotBeRoutedAreInvalidRequestWithoutACall() {
    RecordingBackend a = new RecordingBackend("a");
    FanOutScorer fanOut =
        new FanOutScorer(
            new RoutingTable(Map.of("x", a)),
            new ResultCache(false, 0, 0, new SimpleMeterRegistry(), id -> true),
            backend -> 8,
            new GatewayMetrics(new SimpleMeterRegistry()));
    List<ScoreItem> items = new ArrayList<>();
    items.add(null);
    items.add(new ScoreItem("no-response", "x", null, null, Map.of(), Map.of(), null));
    items.add(item("no-scorer", null, "1"));
    items.add(item("fine", "x", "ab"));

    List<ScoreResult> results = fanOut.score(ItemBatch.of(items)).block();

    assertThat(results)
        .extracting(ScoreResult::status)
        .containsExactly(
            ScoreStatus.INVALID_REQUEST,
            ScoreStatus.INVALID_REQUEST,
            ScoreStatus.INVALID_REQUEST,
            ScoreStatus.OK);
    assertThat(results.get(1).details()).containsEntry("reason", "item has no 'response'");
    assertThat(a.batchSizes).containsExactly(1);
  }

  @Test
  void score_forwardableItemsStayForwardableInEachBatch() {
    RecordingBackend a = new RecordingBackend("a");
    RecordingBackend b = new RecordingBackend("b");
    FanOutScorer fanOut =
        new FanOutScorer(
            new RoutingTable(Map.of("x", a, "y", b)),
            new ResultCache(false, 0, 0, new SimpleMeterRegistry(), id -> true),
            backend -> 2,
            new GatewayMetrics(new SimpleMeterRegistry()));
    String body =
        "{\"items\":[{\"id\":\"0\",\"scorer\":\"x\",\"response\":\"a\"},"
            + "{\"id\":\"1\",\"scorer\":\"y\",\"response\":\"bb\"},"
            + "{\"id\":\"2\",\"response\":\"no scorer\"},"
            + "{\"id\":\"3\",\"scorer\":\"x\",\"response\":\"ccc\"},"
            + "{\"id\":\"4\",\"scorer\":\"x\",\"response\":\"dddd\"}]}";
    ItemBatch batch =
        ItemBatch.of(
            new ForwardingRequestDecoder(ArbiterJson.mapper())
                .decode(body.getBytes(StandardCharsets.UTF_8)));

    List<ScoreResult> results = fanOut.score(batch).block();

    assertThat(results).extracting(ScoreResult::reward).containsExactly(1.0, 2.0, null, 3.0, 4.0);
    assertThat(a.batches).allMatch(ItemBatch::forwarded);
    assertThat(a.batches)
        .extracting(call -> new String(call.requestBody().orElseThrow(), UTF_8))
        .containsExactlyInAnyOrder(
            "{\"items\":[{\"id\":\"0\",\"scorer\":\"x\",\"response\":\"a\"},"
                + "{\"id\":\"3\",\"scorer\":\"x\",\"response\":\"ccc\"}]}",
            "{\"items\":[{\"id\":\"4\",\"scorer\":\"x\",\"response\":\"dddd\"}]}");
    assertThat(b.batches).singleElement().matches(ItemBatch::forwarded);
  }

  @Test
  void score_cacheAnswersRepeatsWithTheCallersId() {
    RecordingBackend a = new RecordingBackend("a");
    ResultCache cache = new ResultCache(true, 100, 1000, new SimpleMeterRegistry(), id -> true);
    FanOutScorer fanOut =
        new FanOutScorer(
            new RoutingTable(Map.of("x", a)),
            cache,
            backend -> 8,
            new GatewayMetrics(new SimpleMeterRegistry()));

    fanOut.score(ItemBatch.of(List.of(item("first", "x", "abc")))).block();
    List<ScoreResult> again =
        fanOut.score(ItemBatch.of(List.of(item("second", "x", "abc")))).block();

    assertThat(a.batchSizes).containsExactly(1);
    assertThat(again.get(0).id()).isEqualTo("second");
    assertThat(again.get(0).reward()).isEqualTo(3.0);
  }
}
