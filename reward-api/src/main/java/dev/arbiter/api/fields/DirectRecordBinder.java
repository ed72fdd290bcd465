package dev.arbiter.api.fields;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a map onto a <em>simple</em> record without Jackson, for {@link ItemFields}: a Jackson
 * round trip costs several times the scoring of a rule item. A record is simple when each component
 * is a {@code String}, an {@code int}, {@code long}, {@code double}, {@code float} or {@code
 * boolean} (boxed or not), an enum without Jackson annotations, or a {@code List<String>}; when its
 * only Jackson annotations are descriptions, a plain {@code @JsonProperty} name on an accessor and
 * {@code @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY)} on a list; and when Jackson, asked once,
 * knows exactly the properties this binder reads.
 *
 * <p>It binds only what it is sure the strict mapper binds alike: a value of the exact Java type
 * the component takes (an integer within range for {@code int}/{@code long}; any integer or float
 * for {@code double}/{@code float}), an enum constant's name in any case, a non-blank string as a
 * one-element list where the list accepts a single value. On anything else (an unknown key of
 * options, a null, another type, an absent primitive, a constructor that refuses) it answers null
 * and the caller binds with Jackson, so every error message and every edge case stays Jackson's.
 */
final class DirectRecordBinder {

  /** The binder of each record class; empty when the class is not simple. */
  private static final ClassValue<Optional<DirectRecordBinder>> BINDERS =
      new ClassValue<>() {
        @Override
        protected Optional<DirectRecordBinder> computeValue(Class<?> type) {
          return Optional.ofNullable(analyze(type));
        }
      };

  private final Map<String, Slot> slots;
  private final Slot[] ordered;
  private final MethodHandle constructor;

  private DirectRecordBinder(Slot[] ordered, MethodHandle constructor) {
    this.ordered = ordered;
    this.constructor = constructor;
    this.slots = new HashMap<>();
    for (Slot s : ordered) {
      slots.put(s.wireName, s);
    }
  }

  /**
   * {@code map} bound onto {@code type}, not yet {@link ItemFields}-checked; null when {@code type}
   * is not simple or the map holds anything the direct path is not sure of.
   */
  static Record bind(Class<?> type, Map<?, ?> map, boolean refuseUnknown) {
    DirectRecordBinder binder = BINDERS.get(type).orElse(null);
    return binder == null ? null : binder.bind(map, refuseUnknown);
  }

  /** Whether {@code type} binds directly (else always with Jackson). */
  static boolean isSimple(Class<?> type) {
    return BINDERS.get(type).isPresent();
  }

  private Record bind(Map<?, ?> map, boolean refuseUnknown) {
    Object[] args = new Object[ordered.length];
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        return null;
      }
      Slot slot = slots.get(key);
      if (slot == null) {
        if (refuseUnknown) {
          return null;
        }
        continue;
      }
      Object value = slot.convert(e.getValue());
      if (value == null) {
        return null;
      }
      args[slot.index] = value;
    }
    for (Slot s : ordered) {
      if (s.primitive && args[s.index] == null) {
        return null;
      }
    }
    try {
      return (Record) constructor.invokeExact(args);
    } catch (RuntimeException refused) {
      // Jackson calls the constructor again and words the refusal
      return null;
    } catch (Error e) {
      throw e;
    } catch (Throwable checked) {
      return null;
    }
  }

  private enum Kind {
    STRING,
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    FLOAT,
    ENUM,
    STRING_LIST
  }

  private static final class Slot {
    final int index;
    final String wireName;
    final Kind kind;
    final boolean primitive;
    final boolean singleValueAsList;
    final Enum<?>[] constants;

    Slot(int index, String wireName, Kind kind, Class<?> type, boolean singleValueAsList) {
      this.index = index;
      this.wireName = wireName;
      this.kind = kind;
      this.primitive = type.isPrimitive();
      this.singleValueAsList = singleValueAsList;
      this.constants = kind == Kind.ENUM ? (Enum<?>[]) type.getEnumConstants() : null;
    }

    /** The component's value, or null when the direct path is not sure of it. */
    Object convert(Object v) {
      return switch (kind) {
        case STRING -> v instanceof String ? v : null;
        case BOOLEAN -> v instanceof Boolean ? v : null;
        case INT -> toInt(v);
        case LONG -> toLong(v);
        case DOUBLE -> isFloatSource(v) ? (Object) ((Number) v).doubleValue() : null;
        case FLOAT -> isFloatSource(v) ? (Object) ((Number) v).floatValue() : null;
        case ENUM -> v instanceof String s ? constant(s) : null;
        case STRING_LIST -> toStringList(v);
      };
    }

    private Enum<?> constant(String name) {
      for (Enum<?> c : constants) {
        if (c.name().equals(name)) {
          return c;
        }
      }
      // no two constants are equal ignoring case (a condition of simplicity)
      for (Enum<?> c : constants) {
        if (c.name().equalsIgnoreCase(name)) {
          return c;
        }
      }
      return null;
    }

    private Object toStringList(Object v) {
      if (v instanceof List<?> list) {
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
          if (!(item instanceof String s)) {
            return null;
          }
          out.add(s);
        }
        return out;
      }
      // Jackson coerces an empty or blank string to a list by its own rules
      if (singleValueAsList && v instanceof String s && !s.isBlank()) {
        List<String> out = new ArrayList<>(1);
        out.add(s);
        return out;
      }
      return null;
    }
  }

  private static boolean isSmallInteger(Object v) {
    return v instanceof Integer || v instanceof Short || v instanceof Byte;
  }

  private static Integer toInt(Object v) {
    if (isSmallInteger(v)) {
      return ((Number) v).intValue();
    }
    if (v instanceof Long l && l == l.intValue()) {
      return l.intValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < Integer.SIZE) {
      return b.intValue();
    }
    return null;
  }

  private static Long toLong(Object v) {
    if (isSmallInteger(v) || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < Long.SIZE) {
      return b.longValue();
    }
    return null;
  }

  /** A number of a type that strict Jackson binds onto a double or float component. */
  private static boolean isFloatSource(Object v) {
    return isSmallInteger(v)
        || v instanceof Long
        || v instanceof Double
        || v instanceof Float
        || v instanceof BigInteger
        || v instanceof BigDecimal;
  }

  // --- whether a record is simple, read once per class

  private static DirectRecordBinder analyze(Class<?> type) {
    if (!type.isRecord()
        || hasJacksonAnnotation(type, Set.of(JsonClassDescription.class))
        || type.getDeclaredConstructors().length != 1
        || declaresJacksonOrSetters(type)) {
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    Slot[] slots = new Slot[components.length];
    Class<?>[] types = new Class<?>[components.length];
    Constructor<?> canonical;
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
      }
      canonical = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      return null;
    }
    Parameter[] params = canonical.getParameters();
    for (int i = 0; i < components.length; i++) {
      slots[i] = slot(i, components[i], params[i]);
      if (slots[i] == null) {
        return null;
      }
    }
    Set<String> names = Arrays.stream(slots).map(s -> s.wireName).collect(Collectors.toSet());
    if (names.size() != slots.length || !names.equals(ItemFields.jacksonPropertyNames(type))) {
      return null;
    }
    try {
      canonical.setAccessible(true);
      MethodHandle handle =
          MethodHandles.lookup()
              .unreflectConstructor(canonical)
              .asSpreader(Object[].class, components.length)
              .asType(MethodType.methodType(Record.class, Object[].class));
      return new DirectRecordBinder(slots, handle);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Slot slot(int index, RecordComponent c, Parameter param) {
    Field field;
    try {
      field = c.getDeclaringRecord().getDeclaredField(c.getName());
    } catch (NoSuchFieldException e) {
      return null;
    }
    Method accessor = c.getAccessor();
    List<AnnotatedElement> sites = List.of(c, field, accessor, param);
    JsonProperty named = accessor.getAnnotation(JsonProperty.class);
    JsonFormat format = null;
    for (AnnotatedElement site : sites) {
      for (Annotation a : site.getAnnotations()) {
        if (!isJackson(a) || a instanceof JsonPropertyDescription) {
          continue;
        }
        if (a instanceof JsonProperty p && p.equals(named) && onlyChanged(p, Set.of("value"))) {
          continue;
        }
        if (a instanceof JsonFormat f
            && (format == null || format.equals(f))
            && Arrays.equals(f.with(), new JsonFormat.Feature[] {ACCEPT_SINGLE})
            && onlyChanged(f, Set.of("with"))) {
          format = f;
          continue;
        }
        return null;
      }
    }
    Kind kind = kind(c.getGenericType());
    if (kind == null
        || (kind == Kind.ENUM && !isPlainEnum(c.getType()))
        || (format != null && kind != Kind.STRING_LIST)) {
      return null;
    }
    return new Slot(index, ItemFields.wireName(c), kind, c.getType(), format != null);
  }

  private static final JsonFormat.Feature ACCEPT_SINGLE =
      JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY;

  private static Kind kind(Type type) {
    if (type instanceof ParameterizedType p) {
      return p.getRawType() == List.class
              && p.getActualTypeArguments().length == 1
              && p.getActualTypeArguments()[0] == String.class
          ? Kind.STRING_LIST
          : null;
    }
    if (!(type instanceof Class<?> c)) {
      return null;
    }
    if (c.isEnum()) {
      return Kind.ENUM;
    }
    return KINDS.get(c);
  }

  private static final Map<Class<?>, Kind> KINDS =
      Map.ofEntries(
          Map.entry(String.class, Kind.STRING),
          Map.entry(Boolean.class, Kind.BOOLEAN),
          Map.entry(boolean.class, Kind.BOOLEAN),
          Map.entry(Integer.class, Kind.INT),
          Map.entry(int.class, Kind.INT),
          Map.entry(Long.class, Kind.LONG),
          Map.entry(long.class, Kind.LONG),
          Map.entry(Double.class, Kind.DOUBLE),
          Map.entry(double.class, Kind.DOUBLE),
          Map.entry(Float.class, Kind.FLOAT),
          Map.entry(float.class, Kind.FLOAT));

  /** An enum Jackson reads by its constants' names only: no annotations, no case-twin constants. */
  private static boolean isPlainEnum(Class<?> type) {
    if (hasJacksonAnnotation(type, Set.of()) || declaresJacksonOrSetters(type)) {
      return false;
    }
    for (Field f : type.getDeclaredFields()) {
      if (Arrays.stream(f.getAnnotations()).anyMatch(DirectRecordBinder::isJackson)) {
        return false;
      }
    }
    Object[] constants = type.getEnumConstants();
    // ASCII names: equalsIgnoreCase then means equal in lower case
    Set<String> folded =
        Arrays.stream(constants)
            .map(c -> ((Enum<?>) c).name())
            .filter(DirectRecordBinder::isAscii)
            .map(n -> n.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return folded.size() == constants.length;
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(ch -> ch < 0x80);
  }

  /**
   * Jackson annotations on the class or the interfaces it implements, other than {@code allowed}.
   */
  private static boolean hasJacksonAnnotation(
      Class<?> type, Set<Class<? extends Annotation>> allowed) {
    for (Annotation a : type.getAnnotations()) {
      if (isJackson(a) && !allowed.contains(a.annotationType())) {
        return true;
      }
    }
    for (Class<?> i : type.getInterfaces()) {
      if (hasJacksonAnnotation(i, Set.of()) || declaresJacksonOrSetters(i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a method or constructor carries a Jackson annotation (a creator, a setter, a
   * {@code @JsonValue}...) other than a component accessor's name or description, or whether a
   * method looks like a setter Jackson might use.
   */
  private static boolean declaresJacksonOrSetters(Class<?> type) {
    Set<Method> accessors =
        type.isRecord()
            ? Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getAccessor)
                .collect(Collectors.toSet())
            : Set.of();
    for (Method m : type.getDeclaredMethods()) {
      if (accessors.contains(m) || m.isSynthetic()) {
        continue;
      }
      if (m.getName().startsWith("set") && m.getParameterCount() == 1) {
        return true;
      }
      if (hasJackson(m) || Arrays.stream(m.getParameters()).anyMatch(p -> hasJackson(p))) {
        return true;
      }
    }
    for (Constructor<?> k : type.getDeclaredConstructors()) {
      if (hasJackson(k)
          || (!type.isRecord() && Arrays.stream(k.getParameters()).anyMatch(p -> hasJackson(p)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasJackson(AnnotatedElement e) {
    return Arrays.stream(e.getAnnotations()).anyMatch(DirectRecordBinder::isJackson);
  }

  private static boolean isJackson(Annotation a) {
    Class<? extends Annotation> t = a.annotationType();
    String name = t.getName();
    return name.startsWith("com.fasterxml.jackson.")
        || name.startsWith("tools.jackson.")
        || t.isAnnotationPresent(JacksonAnnotationsInside.class);
  }

  /** Whether every attribute of {@code a} but {@code changeable} has its default value. */
  private static boolean onlyChanged(Annotation a, Set<String> changeable) {
    for (Method m : a.annotationType().getDeclaredMethods()) {
      if (changeable.contains(m.getName())) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(a);
      } catch (ReflectiveOperationException e) {
        return false;
      }
      if (!deepEquals(value, m.getDefaultValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean deepEquals(Object a, Object b) {
    return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
  }
}
