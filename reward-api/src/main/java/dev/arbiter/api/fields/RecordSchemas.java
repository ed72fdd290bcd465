package dev.arbiter.api.fields;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas (2020-12) that {@code GET /v1/scorers} publishes, generated from the same
 * records {@link ItemFields} binds (victools jsonschema-generator): property names as bound
 * (snake_case or {@code @JsonProperty}), types from the component types, enums as their lower-case
 * wire names, {@link Range} as {@code minimum}/{@code maximum}, {@link Size} as {@code
 * minItems}/{@code maxItems}, {@link Required} as {@code required}, descriptions from {@code
 * JsonPropertyDescription}/{@code JsonClassDescription}, and {@code default} from the record bound
 * from an empty map. Properties keep their declaration order.
 */
public final class RecordSchemas {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SchemaGenerator OPTIONS = generator(true);
  private static final SchemaGenerator REFERENCE = generator(false);

  private RecordSchemas() {}

  /** The schema of an options record: unknown keys are refused ({@code additionalProperties}). */
  public static Map<String, Object> options(Class<? extends Record> type) {
    return toMap(OPTIONS.generateSchema(type));
  }

  /** The schema of a reference record: unknown keys are allowed (and ignored). */
  public static Map<String, Object> reference(Class<? extends Record> type) {
    return toMap(REFERENCE.generateSchema(type));
  }

  private static Map<String, Object> toMap(ObjectNode schema) {
    return JSON.convertValue(schema, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  private static SchemaGenerator generator(boolean closed) {
    SchemaGeneratorConfigBuilder b =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(Option.INLINE_ALL_SCHEMAS)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    if (closed) {
      b.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
    }
    b.forTypesInGeneral()
        .withPropertySorter((x, y) -> 0)
        .withDescriptionResolver(
            scope -> {
              JsonClassDescription d =
                  scope.getType().getErasedType().getAnnotation(JsonClassDescription.class);
              return d == null ? null : d.value();
            })
        .withCustomDefinitionProvider(
            (type, context) -> {
              Class<?> raw = type.getErasedType();
              if (raw == Object.class) {
                // a raw field without @SchemaAs: any JSON value (its description says which)
                return new CustomDefinition(
                    JSON.createObjectNode(),
                    CustomDefinition.INLINE_DEFINITION,
                    CustomDefinition.INCLUDING_ATTRIBUTES);
              }
              if (!raw.isEnum()) {
                return null;
              }
              ObjectNode node = JSON.createObjectNode().put("type", "string");
              ArrayNode values = node.putArray("enum");
              for (Object constant : raw.getEnumConstants()) {
                values.add(ItemFields.wire((Enum<?>) constant));
              }
              return new CustomDefinition(
                  node, CustomDefinition.INLINE_DEFINITION, CustomDefinition.INCLUDING_ATTRIBUTES);
            });
    b.forFields()
        .withCustomDefinitionProvider(RecordSchemas::singleOrList)
        .withPropertyNameOverrideResolver(RecordSchemas::name)
        .withTargetTypeOverridesResolver(
            field -> {
              SchemaAs as =
                  field.isFakeContainerItemScope()
                      ? null
                      : field.getAnnotationConsideringFieldAndGetter(SchemaAs.class);
              return as == null ? null : List.of(field.getContext().resolve(as.value()));
            })
        .withDescriptionResolver(
            field -> {
              JsonPropertyDescription d =
                  field.isFakeContainerItemScope()
                      ? null
                      : field.getAnnotationConsideringFieldAndGetter(JsonPropertyDescription.class);
              return d == null ? null : d.value();
            })
        .withRequiredCheck(
            field -> field.getAnnotationConsideringFieldAndGetter(Required.class) != null)
        .withNumberInclusiveMinimumResolver(field -> range(field, true))
        .withNumberInclusiveMaximumResolver(field -> range(field, false))
        .withArrayMinItemsResolver(
            field -> {
              Size s = size(field);
              return s == null || s.min() == 0 ? null : s.min();
            })
        .withArrayMaxItemsResolver(
            field -> {
              Size s = size(field);
              return s == null || s.max() == Integer.MAX_VALUE ? null : s.max();
            })
        .withDefaultResolver(RecordSchemas::defaultValue);
    return new SchemaGenerator(b.build());
  }

  /**
   * A list field that also takes a single value ({@code @JsonFormat(with =
   * ACCEPT_SINGLE_VALUE_AS_ARRAY)}, e.g. an answer or a list of aliases): {@code oneOf} the item
   * and the list.
   */
  private static CustomPropertyDefinition singleOrList(
      FieldScope field, SchemaGenerationContext context) {
    JsonFormat format = field.getAnnotationConsideringFieldAndGetter(JsonFormat.class);
    if (field.isFakeContainerItemScope()
        || format == null
        || !Arrays.asList(format.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        || field.getContainerItemType() == null) {
      return null;
    }
    ObjectNode item = context.createDefinition(field.getContainerItemType());
    ObjectNode node = JSON.createObjectNode();
    ArrayNode oneOf = node.putArray("oneOf");
    oneOf.add(item.deepCopy());
    oneOf.addObject().put("type", "array").set("items", item);
    return new CustomPropertyDefinition(node, CustomDefinition.INCLUDING_ATTRIBUTES);
  }

  private static String name(FieldScope field) {
    RecordComponent c = component(field);
    return c == null ? null : ItemFields.wireName(c);
  }

  private static BigDecimal range(FieldScope field, boolean min) {
    if (field.isFakeContainerItemScope()) {
      return null;
    }
    Range r = field.getAnnotationConsideringFieldAndGetter(Range.class);
    if (r == null) {
      return null;
    }
    double v = min ? r.min() : r.max();
    return v == Math.rint(v) ? BigDecimal.valueOf((long) v) : BigDecimal.valueOf(v);
  }

  private static Size size(FieldScope field) {
    return field.isFakeContainerItemScope()
        ? null
        : field.getAnnotationConsideringFieldAndGetter(Size.class);
  }

  private static Object defaultValue(FieldScope field) {
    if (field.isFakeContainerItemScope()) {
      return null;
    }
    RecordComponent c = component(field);
    if (c == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Class<? extends Record> type = (Class<? extends Record>) c.getDeclaringRecord();
    Object value = ItemFields.get(c, ItemFields.defaults(type));
    if (value instanceof Enum<?> e) {
      return ItemFields.wire(e);
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof String) {
      return value;
    }
    if (value instanceof Collection<?> list && !list.isEmpty()) {
      return list;
    }
    return null;
  }

  private static RecordComponent component(FieldScope field) {
    ResolvedType declaring = field.getDeclaringType();
    Class<?> type = declaring == null ? null : declaring.getErasedType();
    if (type == null || !type.isRecord()) {
      return null;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getName().equals(field.getDeclaredName())) {
        return c;
      }
    }
    return null;
  }
}
