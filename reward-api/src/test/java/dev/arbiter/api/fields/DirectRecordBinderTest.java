package dev.arbiter.api.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.arbiter.api.fields.ScorerRecordCopies.ClassificationOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.ClassificationReference;
import dev.arbiter.api.fields.ScorerRecordCopies.CritiqueOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.CritiqueReference;
import dev.arbiter.api.fields.ScorerRecordCopies.DetectionOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.FormatOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.LengthOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.ReasoningStepsOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.RepetitionOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.ToolCallOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.ToolCallReference;
import dev.arbiter.api.fields.ScorerRecordCopies.TruthfulnessOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.TruthfulnessReference;
import dev.arbiter.api.fields.ScorerRecordCopies.WebActionOptions;
import dev.arbiter.api.fields.ScorerRecordCopies.WebActionReference;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DirectRecordBinder} against Jackson: for every simple record the scorers bind (copies in
 * {@link ScorerRecordCopies}) and synthetic records with every component kind, generated maps
 * (valid values, wrong types, nulls, unknown keys, enum case variants, boundary and big numbers,
 * whole floats, NaN and infinities) bind to equal records, or fail with equal messages and
 * statuses, through {@link ItemFields} and through Jackson alone.
 */
class DirectRecordBinderTest {

  private static final int MAPS_PER_TYPE = 4000;

  enum Speed {
    FAST,
    SLOW_DOWN,
    X
  }

  /** Every component kind the binder takes. */
  record AllKinds(
      String text,
      @JsonProperty("alias_name") String renamed,
      boolean flag,
      Boolean boxedFlag,
      int count,
      Integer boxedCount,
      long big,
      Long boxedBig,
      double ratio,
      Double boxedRatio,
      float small,
      Float boxedSmall,
      Speed speed,
      List<String> tags,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> names) {}

  /** Boxed components only, with the checks ItemFields runs and a constructor that refuses. */
  record Checked(
      @Required String label,
      @Range(min = 1, max = 64) Integer steps,
      @Range(min = 0, max = 1) Double ratio,
      @Range(min = -5, max = 5) Long offset,
      @Range(min = 0, max = 10) Float weight,
      @Size(min = 1, max = 2) List<String> tags,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Size(max = 1)
          List<String> one,
      Speed speed,
      Boolean strict) {
    Checked {
      if ("bad".equals(label)) {
        throw new IllegalArgumentException("label must not be bad");
      }
      speed = speed == null ? Speed.FAST : speed;
      strict = strict != null && strict;
    }
  }

  /** Every boxed kind, so that a map of one entry binds directly. */
  record Boxed(
      String text,
      Boolean flag,
      Integer count,
      Long big,
      Double ratio,
      Float small,
      Speed speed,
      List<String> tags,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> names) {}

  static Stream<Class<? extends Record>> simpleTypes() {
    return Stream.of(
        LengthOptions.class,
        TruthfulnessOptions.class,
        TruthfulnessReference.class,
        ToolCallOptions.class,
        RepetitionOptions.class,
        FormatOptions.class,
        ReasoningStepsOptions.class,
        WebActionOptions.class,
        CritiqueOptions.class,
        ClassificationOptions.class,
        ClassificationReference.class,
        AllKinds.class,
        Boxed.class,
        Checked.class);
  }

  enum Renamed {
    @JsonProperty("one")
    ONE,
    TWO
  }

  enum CaseTwins {
    A,
    a
  }

  record Inner(String x) {}

  record WithAlias(@JsonAlias("b") String a) {}

  record WithDoubles(List<Double> sizes) {}

  record WithNested(Inner inner) {}

  record WithRenamedEnum(Renamed e) {}

  record WithCaseTwins(CaseTwins e) {}

  record WithMap(Map<String, Object> m) {}

  record WithShort(Short s) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record IgnoringUnknown(String a) {}

  record ReadOnly(@JsonProperty(value = "a", access = JsonProperty.Access.READ_ONLY) String a) {}

  record WithCreator(String a) {
    @JsonCreator
    static WithCreator of(@JsonProperty("b") String b) {
      return new WithCreator(b);
    }
  }

  record WithFormatOnString(@JsonFormat(pattern = "x") String a) {}

  record WithTwoConstructors(String a, String b) {
    WithTwoConstructors(String a) {
      this(a, null);
    }
  }

  @Test
  void isSimple_theScorersSimpleRecordsAndEveryComponentKind() {
    simpleTypes().forEach(t -> assertThat(DirectRecordBinder.isSimple(t)).as(t.getName()).isTrue());
  }

  @Test
  void isSimple_notWithJacksonAnnotationsRawOrCustomTypes() {
    for (Class<?> t :
        List.of(
            CritiqueReference.class,
            ToolCallReference.class,
            WebActionReference.class,
            DetectionOptions.class,
            WithAlias.class,
            WithDoubles.class,
            WithNested.class,
            WithRenamedEnum.class,
            WithCaseTwins.class,
            WithMap.class,
            WithShort.class,
            IgnoringUnknown.class,
            ReadOnly.class,
            WithCreator.class,
            WithFormatOnString.class,
            WithTwoConstructors.class)) {
      assertThat(DirectRecordBinder.isSimple(t)).as(t.getName()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("simpleTypes")
  void options_sameRecordOrSameErrorAsJackson(Class<? extends Record> type) {
    sameAsJackson(type, true);
  }

  @ParameterizedTest
  @MethodSource("simpleTypes")
  void reference_sameRecordOrSameErrorAsJackson(Class<? extends Record> type) {
    sameAsJackson(type, false);
  }

  @ParameterizedTest
  @MethodSource("simpleTypes")
  void bind_everyOddValueAloneInEveryComponentAsJackson(Class<? extends Record> type) {
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

  @Test
  void bind_numbersOfEveryJavaTypeWhereJacksonTakesThem() {
    Object[][] direct = {
      {"count", (short) 3, 3},
      {"count", (byte) -2, -2},
      {"count", 3L, 3},
      {"count", BigInteger.valueOf(Integer.MIN_VALUE), Integer.MIN_VALUE},
      {"big", Long.MIN_VALUE, Long.MIN_VALUE},
      {"big", BigInteger.valueOf(Long.MAX_VALUE), Long.MAX_VALUE},
      {"ratio", 2, 2.0},
      {"ratio", Long.MAX_VALUE, (double) Long.MAX_VALUE},
      {"ratio", 0.1f, (double) 0.1f},
      {"ratio", new BigDecimal("0.1"), 0.1},
      {"ratio", BigInteger.TEN.pow(400), Double.POSITIVE_INFINITY},
      {"ratio", Double.NaN, Double.NaN},
      {"small", 0.1, 0.1f},
      {"small", 1e300, Float.POSITIVE_INFINITY},
      {"names", "cat", List.of("cat")}
    };
    for (Object[] c : direct) {
      Record r = DirectRecordBinder.bind(Boxed.class, Map.of((String) c[0], c[1]), true);
      assertThat(r).as("%s", Arrays.asList(c)).isNotNull();
      RecordComponent component =
          Arrays.stream(Boxed.class.getRecordComponents())
              .filter(x -> x.getName().equals(c[0]))
              .findFirst()
              .orElseThrow();
      assertThat(ItemFields.get(component, r)).isEqualTo(c[2]);
    }
    Object[][] toJackson = {
      {"count", 2.0},
      {"count", (long) Integer.MAX_VALUE + 1},
      {"count", BigInteger.ONE.shiftLeft(31)},
      {"big", BigInteger.ONE.shiftLeft(63)},
      {"big", new BigDecimal("2")},
      {"text", 'c'},
      {"flag", 1},
      {"speed", "slow-down"},
      {"speed", " fast"},
      {"names", " "},
      {"tags", Arrays.asList("a", null)}
    };
    for (Object[] c : toJackson) {
      assertThat(DirectRecordBinder.bind(Boxed.class, Map.of((String) c[0], c[1]), true))
          .as("%s", Arrays.asList(c))
          .isNull();
    }
  }

  private static Record bind(Map<String, Object> map, Class<? extends Record> type, boolean opts) {
    return opts ? ItemFields.options(map, type) : ItemFields.reference(map, type);
  }

  @Test
  void bind_takesTheDirectPathForValidValues() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("mode", "Overlong");
    map.put("tokens", 12L);
    map.put("min_value_wrong", 1);
    map.put("clamp", false);
    Record direct = DirectRecordBinder.bind(LengthOptions.class, map, true);

    assertThat(direct)
        .isEqualTo(
            new LengthOptions(
                ScorerRecordCopies.Mode.OVERLONG,
                null,
                12,
                null,
                1.0,
                null,
                null,
                null,
                null,
                false,
                null,
                null));
    assertThat(DirectRecordBinder.bind(LengthOptions.class, Map.of("mode", "x"), true)).isNull();
    assertThat(DirectRecordBinder.bind(LengthOptions.class, Map.of("max_len", 2.0), true)).isNull();
  }

  private static void sameAsJackson(Class<? extends Record> type, boolean options) {
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
    if (type.getRecordComponents().length > 0) {
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
