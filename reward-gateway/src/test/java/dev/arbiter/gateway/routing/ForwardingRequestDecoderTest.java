package dev.arbiter.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.json.ArbiterJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.MimeTypeUtils;
import reactor.core.publisher.Flux;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

class ForwardingRequestDecoderTest {

  private static final JsonMapper JSON = ArbiterJson.mapper();
  private static final ObjectReader STANDARD = JSON.readerFor(ScoreRequest.class);
  private final ForwardingRequestDecoder decoder = new ForwardingRequestDecoder(JSON);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void itemsKeepTheirExactBytes() {
    String first =
        "{ \"id\" : \"a\", \"scorer\":\"echo\",\n \"response\":\"caf\\u00e9 \\\"q\\\"\","
            + " \"reference\":{\"boxes\":[[1,2,3,4]]}, \"unknown\": [1,{\"x\":null}] }";
    String second = "{\"scorer\":\"echo\",\"response\":\"naïve 数学\",\"group\":\"g\"}";
    String body = "  {\"profile\" : null,\n \"items\" : [ " + first + " ,\n" + second + "] } ";

    ScoreRequest request = decoder.decode(utf8(body));

    ItemBatch items = ItemBatch.of(request);
    assertThat(items.forwarded()).isTrue();
    assertThat(request).isEqualTo(STANDARD.readValue(utf8(body)));
    assertThat(new String(items.requestBody().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("{\"items\":[" + first + "," + second + "]}");
    // what a scorer service reads from the forwarded body is what the gateway decoded
    ScoreRequest forwarded = STANDARD.readValue(items.requestBody().orElseThrow());
    assertThat(forwarded).isEqualTo(new ScoreRequest(request.items(), null));
  }

  @Test
  void selectKeepsTheBytesOfTheChosenItemsInTheirNewOrder() {
    String body =
        "{\"items\":[{\"id\":\"a\",\"response\":\"1\"},null,{\"id\":\"c\",\"response\":\"3\"}]}";
    ItemBatch items = ItemBatch.of(decoder.decode(utf8(body)));

    assertThat(items.size()).isEqualTo(3);
    assertThat(items.get(1)).isNull();
    ItemBatch chosen = items.select(List.of(2, 0));
    assertThat(chosen.items()).extracting(ScoreItem::id).containsExactly("c", "a");
    assertThat(new String(chosen.requestBody().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"items\":[{\"id\":\"c\",\"response\":\"3\"},{\"id\":\"a\",\"response\":\"1\"}]}");
    assertThatThrownBy(() -> items.select(List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void manyItemsGrowTheSpans() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      parts.add("{\"id\":\"i" + i + "\",\"response\":\"" + i + "\"}");
    }
    String body = "{\"items\":[" + String.join(",", parts) + "]}";
    ItemBatch items = ItemBatch.of(decoder.decode(utf8(body)));
    assertThat(items.size()).isEqualTo(100);
    assertThat(items.get(99).id()).isEqualTo("i99");
    assertThat(items.requestBody().orElseThrow()).isEqualTo(utf8(body));
  }

  /** Whatever the standard reader makes of a body, the decoder makes the same, or fails too. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"items\":null}",
        "{\"items\":[]}",
        "{\"items\":[null]}",
        "{\"profile\":\"visual-rft\",\"extra\":{\"deep\":[1,2]},\"items\":[{\"response\":\"x\"}]}",
        "{\"items\":[{\"id\":\"a\"}],\"items\":[{\"id\":\"b\"}]}",
        "{\"profile\":5,\"items\":[]}",
        "{\"items\":[1]}",
        "{\"items\":\"x\"}",
        "{\"items\":{\"id\":\"a\"}}",
        "{\"items\":[{\"reference\":[1]}]}",
        "{\"items\": [",
        "[]",
        "42",
        "{\"items\":[{\"id\":\"a\"}]} trailing",
      })
  void agreesWithTheStandardReader(String body) {
    ScoreRequest expected;
    try {
      expected = STANDARD.readValue(utf8(body));
    } catch (RuntimeException e) {
      assertThatThrownBy(() -> decoder.decode(utf8(body)))
          .isInstanceOf(DecodingException.class)
          .hasMessageStartingWith("JSON decoding error: ");
      return;
    }
    assertThat(decoder.decode(utf8(body))).isEqualTo(expected);
  }

  @Test
  void aUtf16BodyDecodesToPlainItems() {
    String body = "{\"items\":[{\"id\":\"a\",\"response\":\"1\"}]}";
    ScoreRequest request = decoder.decode(body.getBytes(StandardCharsets.UTF_16BE));
    assertThat(ItemBatch.of(request).forwarded()).isFalse();
    assertThat(ItemBatch.of(request).requestBody()).isEmpty();
    assertThat(request.items())
        .containsExactly(new ScoreItem("a", null, null, "1", Map.of(), Map.of(), null));
  }

  @Test
  void decodesFromBuffersWithTheSizeLimit() {
    decoder.setMaxInMemorySize(64);
    DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
    String body = "{\"items\":[{\"id\":\"a\",\"response\":\"1\"}]}";
    Flux<DataBuffer> chunks =
        Flux.just(body.substring(0, 10), body.substring(10)).map(s -> buffers.wrap(utf8(s)));
    ResolvableType type = ResolvableType.forClass(ScoreRequest.class);

    ScoreRequest request =
        decoder.decodeToMono(chunks, type, MimeTypeUtils.APPLICATION_JSON, Map.of()).block();
    assertThat(request.items()).hasSize(1);
    assertThat(ItemBatch.of(request).forwarded()).isTrue();
    assertThat(
            decoder
                .decodeToMono(
                    Flux.just(buffers.wrap(utf8("null"))),
                    type,
                    MimeTypeUtils.APPLICATION_JSON,
                    Map.of())
                .block())
        .isNull();
    byte[] big = new byte[100];
    Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(
            () ->
                decoder
                    .decodeToMono(
                        Flux.just(buffers.wrap(big)),
                        type,
                        MimeTypeUtils.APPLICATION_JSON,
                        Map.of())
                    .block())
        .isInstanceOf(DataBufferLimitException.class);
  }

  @Test
  void decodesOnlyScoreRequestsInJson() {
    ResolvableType request = ResolvableType.forClass(ScoreRequest.class);
    assertThat(decoder.canDecode(request, MimeTypeUtils.APPLICATION_JSON)).isTrue();
    assertThat(decoder.canDecode(request, null)).isTrue();
    assertThat(
            decoder.canDecode(
                request, MimeTypeUtils.parseMimeType("application/json;charset=UTF-8")))
        .isTrue();
    // another declared charset is left to Spring's Jackson decoder, which transcodes it
    assertThat(
            decoder.canDecode(
                request, MimeTypeUtils.parseMimeType("application/json;charset=ISO-8859-1")))
        .isFalse();
    assertThat(
            decoder.canDecode(request, MimeTypeUtils.parseMimeType("application/x-jackson-smile")))
        .isFalse();
    assertThat(decoder.canDecode(ResolvableType.forClass(Object.class), null)).isFalse();
    assertThat(decoder.canDecode(ResolvableType.forClass(ScoreItem.class), null)).isFalse();
  }
}
