package dev.arbiter.api.fields;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Binds an item's {@code options} or {@code reference} map onto a record with Jackson, strictly: no
 * number from a string, no boolean from a number, no enum from its index, no integer from a
 * fraction. Every failure becomes an {@link InvalidItemException} naming the field in the words of
 * the map ({@code options.iou_threshold must be a number in [0.0, 1.0], got 1.5}), so a bad item is
 * refused on its own and never fails its batch.
 *
 * <p>Options refuse unknown keys (a typo like {@code iou_treshold} must not fall back to the
 * default silently); references ignore them (datasets carry extra fields). Enum values match their
 * constants' names in any case; the published (wire) form is the lower-case name.
 *
 * <p>A record of plain components (strings, numbers, booleans, enums, lists of strings) binds
 * without a Jackson round trip where the map holds only values Jackson would bind alike ({@link
 * DirectRecordBinder}); anything else still goes through Jackson, which words every refusal.
 */
public final class ItemFields {

  /** Longest rendering of a refused value in a reason; hostile values are cut. */
  static final int MAX_VALUE_CHARS = 60;

  private static final JsonMapper OPTIONS = mapper(true);
  private static final JsonMapper REFERENCE = mapper(false);
  private static final Map<Class<?>, Record> DEFAULTS = new ConcurrentHashMap<>();

  /** A key no record component has: the property names Jackson knows come with its refusal. */
  private static final String PROBE_KEY = "\u0000direct-binding-probe";

  private ItemFields() {}

  /**
   * {@code options} as a {@code type}.
   *
   * @throws InvalidItemException ({@code invalid_request}) naming the unknown or bad option
   */
  public static <T extends Record> T options(Map<String, Object> options, Class<T> type) {
    return bind(OPTIONS, true, options, type, "options", InvalidItemException::option);
  }

  /**
   * {@code reference} as a {@code type}.
   *
   * @throws InvalidItemException ({@code invalid_reference}) naming the missing or bad field
   */
  public static <T extends Record> T reference(Map<String, Object> reference, Class<T> type) {
    return bind(REFERENCE, true, reference, type, "reference", InvalidItemException::reference);
  }

  /**
   * {@link #options} or {@link #reference} always through Jackson, never {@link
   * DirectRecordBinder}: the reference of the binder's equivalence test.
   */
  static <T extends Record> T bindWithJackson(
      Map<String, Object> map, Class<T> type, boolean opts) {
    return opts
        ? bind(OPTIONS, false, map, type, "options", InvalidItemException::option)
        : bind(REFERENCE, false, map, type, "reference", InvalidItemException::reference);
  }

  /**
   * The property names Jackson binds onto {@code type} (as the unknown-property error lists them),
   * or null when it does not refuse an unknown one: {@link DirectRecordBinder} binds a record only
   * when it reads exactly these.
   */
  static Set<String> jacksonPropertyNames(Class<?> type) {
    try {
      OPTIONS.convertValue(Map.of(PROBE_KEY, 0), type);
    } catch (UnrecognizedPropertyException unknown) {
      if (!PROBE_KEY.equals(unknown.getPropertyName())) {
        return null;
      }
      Set<String> known = new HashSet<>();
      for (Object k : unknown.getKnownPropertyIds()) {
        known.add(String.valueOf(k));
      }
      return known;
    } catch (RuntimeException other) {
      return null;
    }
    return null;
  }

  /** The record bound from an empty map: every component at its default (null when none). */
  public static <T extends Record> T defaults(Class<T> type) {
    // not computeIfAbsent: building the record may initialize its class, whose static fields may
    // ask for these defaults again (a recursive update of the map)
    Record cached = DEFAULTS.get(type);
    if (cached == null) {
      cached = construct(type);
      DEFAULTS.putIfAbsent(type, cached);
    }
    return type.cast(cached);
  }

  /**
   * The wire name of a record component: its {@code @JsonProperty} name, else its name in
   * snake_case as the binding mapper's naming strategy spells it ({@code iouThreshold} → {@code
   * iou_threshold}).
   */
  public static String wireName(RecordComponent component) {
    // @JsonProperty does not target record components: it lands on the accessor (and the field)
    com.fasterxml.jackson.annotation.JsonProperty named =
        component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
    if (named != null && !named.value().isEmpty()) {
      return named.value();
    }
    StringBuilder out = new StringBuilder();
    for (char ch : component.getName().toCharArray()) {
      if (Character.isUpperCase(ch)) {
        out.append('_').append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  /** The wire form of an enum constant: its lower-case name. */
  public static String wire(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  private static <T extends Record> T bind(
      JsonMapper mapper,
      boolean direct,
      Map<String, Object> map,
      Class<T> type,
      String where,
      Function<String, InvalidItemException> error) {
    T value;
    if (map == null || map.isEmpty()) {
      // what binding {} gives (every component null, the record's own defaults), without a
      // round trip through Jackson: most items carry no options
      value = defaults(type);
    } else {
      // a simple record binds without a Jackson round trip; anything else, and anything the
      // direct path is not sure of, goes through Jackson
      value = direct ? type.cast(DirectRecordBinder.bind(type, map, mapper == OPTIONS)) : null;
      if (value == null) {
        value = jackson(mapper, map, type, where, error);
      }
    }
    if (value == null) {
      value = defaults(type);
    }
    check(value, where, error);
    return value;
  }

  private static <T extends Record> T jackson(
      JsonMapper mapper,
      Map<String, Object> map,
      Class<T> type,
      String where,
      Function<String, InvalidItemException> error) {
    try {
      return mapper.convertValue(map, type);
    } catch (JacksonException e) {
      throw error.apply(describe(e, map, where));
    }
  }

  private static void check(
      Record value, String where, Function<String, InvalidItemException> error) {
    for (Component c : COMPONENTS.get(value.getClass())) {
      Object v = c.get(value);
      if (v == null) {
        if (c.required) {
          throw error.apply(where + "." + c.wireName + " is missing");
        }
        continue;
      }
      Range range = c.range;
      if (range != null && v instanceof Number n) {
        double d = n.doubleValue();
        if (!(d >= range.min() && d <= range.max())) {
          throw error.apply(
              where
                  + "."
                  + c.wireName
                  + " must be "
                  + (c.whole ? "an integer" : "a number")
                  + " in ["
                  + bound(range.min(), c.whole)
                  + ", "
                  + bound(range.max(), c.whole)
                  + "], got "
                  + render(v));
        }
      }
      Size size = c.size;
      // a raw (Object) field is left to the scorer's own reader; @Size then only documents it
      if (size != null && c.collection && v instanceof Collection<?> list) {
        if (list.size() < size.min() || list.size() > size.max()) {
          throw error.apply(
              where + "." + c.wireName + " must list " + count(size) + ", got " + list.size());
        }
      }
    }
  }

  /**
   * What {@link #check} needs of each record component, read once per record class: reflection on
   * record components parses generic signatures and annotations on every call (it made binding cost
   * ten times the scoring of a detection item).
   */
  private static final ClassValue<List<Component>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
          return Arrays.stream(type.getRecordComponents()).map(Component::new).toList();
        }
      };

  private static final class Component {
    final java.lang.reflect.Method accessor;
    final String wireName;
    final boolean required;
    final Range range;
    final Size size;
    final boolean whole;
    final boolean collection;

    Component(RecordComponent c) {
      accessor = c.getAccessor();
      accessor.setAccessible(true);
      wireName = wireName(c);
      required = c.isAnnotationPresent(Required.class);
      range = c.getAnnotation(Range.class);
      size = c.getAnnotation(Size.class);
      whole = isWhole(c.getType());
      collection = Collection.class.isAssignableFrom(c.getType());
    }

    Object get(Record value) {
      try {
        return accessor.invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + accessor + " of " + value.getClass(), e);
      }
    }
  }

  private static String describe(JacksonException e, Map<String, Object> map, String where) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      TreeSet<String> known = new TreeSet<>();
      for (Object k : unknown.getKnownPropertyIds()) {
        known.add(String.valueOf(k));
      }
      return "unknown option '"
          + abbreviate(unknown.getPropertyName())
          + "'; known options are "
          + known;
    }
    String path = where + path(e.getPath());
    if (e instanceof ValueInstantiationException instantiation
        && instantiation.getCause() instanceof IllegalArgumentException refused) {
      // the record's own check: its message starts with the field's wire name
      String parent = where + path(e.getPath().subList(0, Math.max(0, e.getPath().size() - 1)));
      return parent + "." + refused.getMessage();
    }
    Object raw = e instanceof InvalidFormatException bad ? bad.getValue() : rawAt(map, e);
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return path + " must be " + expected(mismatch.getTargetType()) + ", got " + render(raw);
    }
    return path + " is not valid: " + abbreviate(e.getOriginalMessage());
  }

  private static String path(List<JacksonException.Reference> refs) {
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference r : refs) {
      if (r.getPropertyName() != null) {
        out.append('.').append(abbreviate(r.getPropertyName()));
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static Object rawAt(Map<String, Object> map, JacksonException e) {
    Object at = map;
    for (JacksonException.Reference r : e.getPath()) {
      if (r.getPropertyName() != null && at instanceof Map<?, ?> m) {
        at = m.get(r.getPropertyName());
      } else if (r.getIndex() >= 0 && at instanceof List<?> l && r.getIndex() < l.size()) {
        at = l.get(r.getIndex());
      } else {
        return null;
      }
    }
    return at;
  }

  private static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> wire((Enum<?>) c))
              .collect(Collectors.joining(", "));
    }
    if (isWhole(type)) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "an object";
  }

  private static boolean isWhole(Type type) {
    return type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class;
  }

  private static String bound(double value, boolean whole) {
    return whole ? Long.toString((long) value) : Double.toString(value);
  }

  private static String count(Size size) {
    if (size.min() == size.max()) {
      return size.min() + " elements";
    }
    return size.max() == Integer.MAX_VALUE
        ? "at least " + size.min() + " elements"
        : size.min() + " to " + size.max() + " elements";
  }

  static String render(Object value) {
    return abbreviate(String.valueOf(value));
  }

  private static String abbreviate(String s) {
    return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS - 3) + "...";
  }

  /** The value of one component (records may be package-private: scorers keep them private). */
  static Object get(RecordComponent c, Record value) {
    try {
      java.lang.reflect.Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c + " of " + value.getClass(), e);
    }
  }

  private static Record construct(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      Object[] nulls = new Object[components.length];
      for (int i = 0; i < nulls.length; i++) {
        if (types[i].isPrimitive()) {
          throw new IllegalStateException(
              type.getName() + "." + components[i].getName() + " must be boxed to have a default");
        }
      }
      return (Record) canonical.newInstance(nulls);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build the defaults of " + type.getName(), e);
    }
  }

  private static JsonMapper mapper(boolean refuseUnknown) {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, refuseUnknown)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            refuse(
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean))
        .withCoercionConfig(
            LogicalType.Boolean,
            refuse(
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.String,
                CoercionInputShape.EmptyString))
        .withCoercionConfig(
            LogicalType.Integer,
            refuse(
                CoercionInputShape.Float,
                CoercionInputShape.Boolean,
                CoercionInputShape.String,
                CoercionInputShape.EmptyString))
        .withCoercionConfig(
            LogicalType.Float,
            refuse(
                CoercionInputShape.Boolean,
                CoercionInputShape.String,
                CoercionInputShape.EmptyString))
        .withCoercionConfig(
            LogicalType.Enum, refuse(CoercionInputShape.Integer, CoercionInputShape.EmptyString))
        .build();
  }

  /** Reading a value of these JSON shapes as the target type fails instead of converting it. */
  private static Consumer<MutableCoercionConfig> refuse(CoercionInputShape... shapes) {
    return config -> {
      for (CoercionInputShape shape : shapes) {
        config.setCoercion(shape, CoercionAction.Fail);
      }
    };
  }
}
