package dev.arbiter.api.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DirectRecordBinder} against Jackson ({@link ItemFieldsEquivalence}) on synthetic records
 * with every component kind (the scorer modules run it on their own records): generated maps (valid
 * values, wrong types, nulls, unknown keys, enum case variants, boundary and big numbers, whole
 * floats, NaN and infinities) bind to equal records, or fail with equal messages and statuses,
 * through {@link ItemFields} and through Jackson alone.
 */
class DirectRecordBinderTest {

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
    return Stream.of(AllKinds.class, Boxed.class, Checked.class);
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
  void isSimple_everyComponentKind() {
    simpleTypes().forEach(t -> assertThat(DirectRecordBinder.isSimple(t)).as(t.getName()).isTrue());
  }

  @Test
  void isSimple_notWithJacksonAnnotationsRawOrCustomTypes() {
    for (Class<?> t :
        List.of(
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
  void bind_sameRecordOrSameErrorAsJackson(Class<? extends Record> type) {
    ItemFieldsEquivalence.assertSameAsJackson(type);
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

  @Test
  void bind_takesTheDirectPathForValidValues() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("speed", "Slow_Down");
    map.put("count", 12L);
    map.put("flag", false);
    Record direct = DirectRecordBinder.bind(Boxed.class, map, true);

    assertThat(direct)
        .isEqualTo(new Boxed(null, false, 12, null, null, null, Speed.SLOW_DOWN, null, null));
    assertThat(DirectRecordBinder.bind(Boxed.class, Map.of("speed", "x y"), true)).isNull();
    assertThat(DirectRecordBinder.bind(Boxed.class, Map.of("count", 2.0), true)).isNull();
  }
}
