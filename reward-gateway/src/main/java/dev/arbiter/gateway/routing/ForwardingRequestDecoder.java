package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.AbstractDataBufferDecoder;
import org.springframework.core.codec.CodecException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads the gateway's {@code POST /v1/score} body as Spring's Jackson decoder would (same mapper,
 * same size limit, same errors) and also records where each item lies in the body, so that {@link
 * ItemBatch#of(ScoreRequest)} gives the request's items with their bytes, which an {@link
 * HttpBackend} sends on without encoding them again. A body whose items cannot be located byte for
 * byte (UTF-16 or UTF-32) decodes to items without bytes.
 */
public final class ForwardingRequestDecoder extends AbstractDataBufferDecoder<ScoreRequest> {

  private static final String BODY = ForwardingRequestDecoder.class.getName() + ".body";

  private final ObjectReader reader;

  /**
   * @param mapper the application's contract mapper (the one Spring's codecs use)
   */
  public ForwardingRequestDecoder(ObjectMapper mapper) {
    super(MimeTypeUtils.APPLICATION_JSON, new MimeType("application", "*+json"));
    SimpleModule module = new SimpleModule("arbiter-forwarding-request");
    module.addDeserializer(ScoreRequest.class, new RequestDeserializer());
    this.reader = mapper.rebuild().addModule(module).build().readerFor(ScoreRequest.class);
  }

  /**
   * Score requests in JSON whose declared charset, if any, is UTF-8; a body declared in another
   * charset is left to Spring's Jackson decoder, which transcodes it.
   */
  @Override
  public boolean canDecode(ResolvableType elementType, MimeType mimeType) {
    return elementType.resolve() == ScoreRequest.class
        && super.canDecode(elementType, mimeType)
        && (mimeType == null
            || mimeType.getCharset() == null
            || StandardCharsets.UTF_8.equals(mimeType.getCharset()));
  }

  @Override
  public Mono<ScoreRequest> decodeToMono(
      Publisher<DataBuffer> input,
      ResolvableType elementType,
      MimeType mimeType,
      Map<String, Object> hints) {
    // a body of JSON null decodes to nothing, as with Spring's decoder
    return DataBufferUtils.join(input, getMaxInMemorySize())
        .flatMap(buffer -> Mono.justOrEmpty(decode(buffer, elementType, mimeType, hints)));
  }

  @Override
  public ScoreRequest decode(
      DataBuffer buffer, ResolvableType targetType, MimeType mimeType, Map<String, Object> hints) {
    byte[] body = new byte[buffer.readableByteCount()];
    try {
      buffer.read(body);
    } finally {
      DataBufferUtils.release(buffer);
    }
    return decode(body);
  }

  /** Decodes a request body; errors as Spring's Jackson decoder reports them. */
  public ScoreRequest decode(byte[] body) {
    try {
      return reader.withAttribute(BODY, body).readValue(body);
    } catch (InvalidDefinitionException e) {
      throw new CodecException("Type definition error: " + e.getType(), e);
    } catch (JacksonException e) {
      throw new DecodingException("JSON decoding error: " + e.getOriginalMessage(), e);
    }
  }

  /** {@code {"items": [...], "profile": ...}} with each item's byte span recorded. */
  private static final class RequestDeserializer extends ValueDeserializer<ScoreRequest> {

    @Override
    public ScoreRequest deserialize(JsonParser p, DeserializationContext ctxt) {
      if (!p.isExpectedStartObjectToken()) {
        return (ScoreRequest) ctxt.handleUnexpectedToken(ScoreRequest.class, p);
      }
      List<ScoreItem> items = null;
      String profile = null;
      for (String name = p.nextName(); name != null; name = p.nextName()) {
        JsonToken value = p.nextToken();
        switch (name) {
          case "items" -> items = items(p, ctxt);
          case "profile" ->
              profile = value == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, String.class);
          default -> {
            if (ctxt.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)) {
              ctxt.handleUnknownProperty(p, this, ScoreRequest.class, name);
            } else {
              p.skipChildren();
            }
          }
        }
      }
      return new ScoreRequest(items, profile);
    }

    private static List<ScoreItem> items(JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      if (p.currentToken() != JsonToken.START_ARRAY) {
        JavaType listOfItems =
            ctxt.getTypeFactory().constructCollectionType(List.class, ScoreItem.class);
        return ctxt.readValue(p, listOfItems);
      }
      ValueDeserializer<Object> itemReader =
          ctxt.findRootValueDeserializer(ctxt.constructType(ScoreItem.class));
      List<ScoreItem> items = new ArrayList<>();
      int[] start = new int[16];
      int[] end = new int[16];
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (items.size() == start.length) {
          start = Arrays.copyOf(start, start.length * 2);
          end = Arrays.copyOf(end, end.length * 2);
        }
        // byte offsets; -1 where the parser reads characters (a UTF-16 or UTF-32 body)
        start[items.size()] = (int) p.currentTokenLocation().getByteOffset();
        items.add(t == JsonToken.VALUE_NULL ? null : (ScoreItem) itemReader.deserialize(p, ctxt));
        end[items.size() - 1] = (int) p.currentLocation().getByteOffset();
      }
      int n = items.size();
      try {
        return new ItemBatch.DecodedItems(
            ItemBatch.forwarded(
                items,
                (byte[]) ctxt.getAttribute(BODY),
                Arrays.copyOf(start, n),
                Arrays.copyOf(end, n)));
      } catch (IllegalArgumentException e) {
        return items; // an item without its own JSON object span: the backend gets it encoded
      }
    }
  }
}
