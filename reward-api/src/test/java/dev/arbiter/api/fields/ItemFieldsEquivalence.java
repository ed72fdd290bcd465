package dev.arbiter.api.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * {@link ItemFields}' direct binder against Jackson, for any record: generated maps (valid values,
 * wrong types, nulls, unknown keys, enum case variants, boundary and big numbers, whole floats, NaN
 * and infinities) bind to equal records, or fail with equal messages and statuses, through {@link
 * ItemFields} and through Jackson alone. In reward-api's test-jar: each scorer module runs it on
 * its own option and reference records ({@code DirectRecordBinderTest} here on synthetic ones), so
 * the check follows the real records as they change.
 */
public final class ItemFieldsEquivalence {

  static final int MAPS_PER_TYPE = 4000;

  private ItemFieldsEquivalence() {}

  /** Whether {@code type} binds without Jackson (every component a plain kind). */
  public static boolean isSimple(Class<?> type) {
    return DirectRecordBinder.isSimple(type);
  }

  /**
   * Asserts that {@code type} binds to the same record or fails with the same message as Jackson
   * alone, as options and as a reference, for generated maps and for every odd value alone in every
   * component; and, for a simple record, that the direct path ran for a good share of them.
   */
  public static void assertSameAsJackson(Class<? extends Record> type) {
    sameAsJackson(type, true);
    sameAsJackson(type, false);
    everyOddValueAlone(type);
  }

  /** Jackson's strict binding alone, without the direct path (the reference, and a baseline). */
  public static <T extends Record> T jacksonOnly(
      Map<String, Object> map, Class<T> type, boolean options) {
    return ItemFields.bindWithJackson(map, type, options);
  }

  static Record bind(Map<String, Object> map, Class<? extends Record> type, boolean opts) {
    return opts ? ItemFields.options(map, type) : ItemFields.reference(map, type);
  }

  static void everyOddValueAlone(Class<? extends Record> type) {
    for (RecordComponent c : type.getRecordComponents()) {
      for (Object value : Generator.ODD) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(ItemFields.wireName(c), value);
        for (boolean options : new boolean[] {true, false}) {
          assertThat(Outcome.of(() -> bind(map, type, options)))
              .as("%s %s", type.getSimpleName(), map)
              .isEqualTo(Outcome.of(() -> ItemFields.bindWithJackson(map, type, options)));
        }
      }
    }
  }

  static void sameAsJackson(Class<? extends Record> type, boolean options) {
    Random random = new Random(type.getName().hashCode() * 31L + (options ? 1 : 0));
    Generator generator = new Generator(type, random);
    int direct = 0;
    for (int i = 0; i < MAPS_PER_TYPE; i++) {
      Map<String, Object> map = generator.map();
      Outcome expected = Outcome.of(() -> ItemFields.bindWithJackson(map, type, options));
      Outcome actual =
          Outcome.of(
              () -> options ? ItemFields.options(map, type) : ItemFields.reference(map, type));
      assertThat(actual).as("%s %s", type.getSimpleName(), map).isEqualTo(expected);
      if (!map.isEmpty() && DirectRecordBinder.bind(type, map, options) != null) {
        direct++;
      }
    }
    // the comparison means something only if the direct path ran often
    if (DirectRecordBinder.isSimple(type) && type.getRecordComponents().length > 0) {
      assertThat(direct).as("maps bound directly").isGreaterThan(MAPS_PER_TYPE / 20);
    }
  }

  /** A bound record (with its components' classes) or a failure's class, status and message. */
  record Outcome(Object value, List<Class<?>> classes, String failure) {
    static Outcome of(Supplier<Record> bind) {
      try {
        Record r = bind.get();
        List<Class<?>> classes = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
          Object v = ItemFields.get(c, r);
          classes.add(v == null ? null : v.getClass());
        }
        return new Outcome(r, classes, null);
      } catch (InvalidItemException e) {
        return new Outcome(null, null, e.status() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        return new Outcome(null, null, e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }

  /** Maps for one record type: mostly valid values, often not. */
  private static final class Generator {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    static final List<Object> ODD =
        Arrays.asList(
            null,
            "",
            " ",
            "x",
            "1",
            "0.5",
            "true",
            "NaN",
            'c',
            true,
            false,
            0,
            1,
            -1,
            7,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE,
            (long) Integer.MAX_VALUE + 1,
            (long) Integer.MIN_VALUE - 1,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            3L,
            (short) 3,
            (byte) -2,
            BigInteger.valueOf(5),
            BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
            TWO_64,
            TWO_64.negate(),
            BigInteger.TEN.pow(400),
            2.0,
            2.5,
            0.0,
            -0.0,
            0.1,
            1e300,
            -1e300,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            0.1f,
            3.0f,
            Float.NaN,
            Float.POSITIVE_INFINITY,
            new BigDecimal("0.1"),
            new BigDecimal("2"),
            new BigDecimal("2.00"),
            new BigDecimal("1e400"),
            List.of(),
            List.of("a", "b"),
            List.of("a", 1),
            Arrays.asList("a", null),
            List.of(1, 2),
            List.of(List.of("a")),
            Map.of("a", 1),
            new Object[] {"a"});

    private final Random random;
    private final RecordComponent[] components;
    private final List<String> names;

    /** This map holds only values of the components' own kinds, under their wire names. */
    private boolean clean;

    Generator(Class<?> type, Random random) {
      this.random = random;
      this.components = type.getRecordComponents();
      this.names = Arrays.stream(components).map(ItemFields::wireName).toList();
    }

    Map<String, Object> map() {
      Map<String, Object> map = new LinkedHashMap<>();
      clean = random.nextBoolean();
      boolean all = clean && random.nextBoolean();
      for (int i = 0; i < components.length; i++) {
        if (all || random.nextInt(10) < 6) {
          map.put(key(i), value(components[i]));
        }
      }
      if (!clean && random.nextInt(10) == 0) {
        map.put(random.nextBoolean() ? "source" : "extra_" + random.nextInt(3), value(null));
      }
      return map;
    }

    private String key(int i) {
      String name = names.get(i);
      return switch (clean ? 3 : random.nextInt(40)) {
        case 0 -> name.toUpperCase(Locale.ROOT);
        case 1 -> components[i].getName();
        case 2 -> " " + name;
        default -> name;
      };
    }

    private Object value(RecordComponent c) {
      if (c == null || (!clean && random.nextInt(10) < 3)) {
        return ODD.get(random.nextInt(ODD.size()));
      }
      return valid(c.getGenericType(), c.getAnnotation(Range.class));
    }

    private Object valid(Type type, Range range) {
      if (type instanceof ParameterizedType) {
        if (!clean && random.nextInt(4) == 0) {
          return word();
        }
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(word());
        }
        return list;
      }
      Class<?> c = (Class<?>) type;
      if (c.isEnum()) {
        return enumName(c);
      }
      if (c == String.class) {
        return random.nextInt(20) == 0 ? "bad" : word();
      }
      if (c == Boolean.class || c == boolean.class) {
        return random.nextBoolean();
      }
      if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
        return integer(range);
      }
      return number(range);
    }

    private String word() {
      String[] words = {"cat", "Dog", "", " ", "a b", "ünï", "42", "true"};
      return words[random.nextInt(words.length)];
    }

    private String enumName(Class<?> type) {
      Object[] constants = type.getEnumConstants();
      String name = ((Enum<?>) constants[random.nextInt(constants.length)]).name();
      return switch (random.nextInt(clean ? 2 : 8)) {
        case 0 -> name.toLowerCase(Locale.ROOT);
        case 1 -> name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
        case 2 -> " " + name;
        case 3 -> name + "x";
        case 4 -> Integer.toString(random.nextInt(3));
        case 5 -> "";
        default -> name;
      };
    }

    private Object integer(Range range) {
      long min = range == null ? -1000 : (long) Math.max(range.min(), Long.MIN_VALUE / 2);
      long max = range == null ? 1000 : (long) Math.min(range.max(), Long.MAX_VALUE / 2);
      long v =
          switch (random.nextInt(6)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> min - 1;
            case 3 -> max + 1;
            default -> min + (long) (random.nextDouble() * (max - min));
          };
      return switch (random.nextInt(8)) {
        case 0 -> v;
        case 1 -> BigInteger.valueOf(v);
        case 2 -> clean ? v : (double) v;
        default -> v == (int) v ? (Object) (int) v : (Object) v;
      };
    }

    private Object number(Range range) {
      double min = range == null ? -1e3 : range.min();
      double max = range == null ? 1e3 : range.max();
      double v =
          switch (random.nextInt(6)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> Math.nextDown(min);
            case 3 -> Math.nextUp(max);
            default -> min + random.nextDouble() * (max - min);
          };
      return switch (random.nextInt(8)) {
        case 0 -> (float) v;
        case 1 -> (long) v;
        case 2 -> (int) v;
        case 3 -> BigDecimal.valueOf(v);
        default -> v;
      };
    }
  }
}
