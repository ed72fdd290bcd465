package dev.arbiter.api.json;

import dev.arbiter.api.ScoreStatus;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * The wire format of the contract: snake_case members, statuses by their wire names. The records
 * stay free of Jackson; this codec is the only place that knows it.
 *
 * <p>JSON is the contract. Services also answer in Smile (Jackson's binary JSON, same data model)
 * to a caller whose {@code Accept} prefers {@value #SMILE_MEDIA_TYPE}: the gateway does, because a
 * scoring response in Smile is smaller and cheaper to read and write than its JSON (the measured
 * costs are in BENCHMARKS.md, "Smile between the gateway and its scorers").
 */
public final class ArbiterJson {

  /** The media type of the contract in Smile. */
  public static final String SMILE_MEDIA_TYPE = "application/x-jackson-smile";

  private ArbiterJson() {}

  /** Serializers for contract types that need more than bean rules (statuses). */
  public static JacksonModule module() {
    SimpleModule module = new SimpleModule("arbiter-contract");
    module.addSerializer(ScoreStatus.class, new StatusSerializer());
    module.addDeserializer(ScoreStatus.class, new StatusDeserializer());
    return module;
  }

  /** A mapper that reads and writes the contract as services do. */
  public static JsonMapper mapper() {
    return contract(JsonMapper.builder()).build();
  }

  /** A Smile mapper that reads and writes the contract as {@link #mapper()} does in JSON. */
  public static SmileMapper smileMapper() {
    return contract(SmileMapper.builder()).build();
  }

  private static <B extends MapperBuilder<?, B>> B contract(B builder) {
    return builder
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addModule(module());
  }

  private static final class StatusSerializer extends ValueSerializer<ScoreStatus> {
    @Override
    public void serialize(ScoreStatus value, JsonGenerator gen, SerializationContext ctxt) {
      gen.writeString(value.wire());
    }
  }

  private static final class StatusDeserializer extends ValueDeserializer<ScoreStatus> {
    @Override
    public ScoreStatus deserialize(JsonParser p, DeserializationContext ctxt) {
      String text = p.getString();
      try {
        return ScoreStatus.fromWire(text);
      } catch (IllegalArgumentException e) {
        throw InvalidFormatException.from(p, e.getMessage(), text, ScoreStatus.class);
      }
    }
  }
}
