package dev.arbiter.verifier.math;

import dev.arbiter.verifier.math.equiv.SymjaSimplifier;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance cases ({@code src/test/resources/conformance/math/*.jsonl}) and the mapping of
 * each case's recorded grader configuration onto this scorer's options.
 */
public final class ConformanceCases {

  /**
   * One (gold, pred, expected) case, keyed by a stable {@code name}: the case's own name in files
   * written for this verifier, {@code <source>#<n>} (the n-th case of that source test) in the
   * files copied from other suites.
   *
   * @param group the class of answer forms a named case belongs to (null for copied suites)
   * @param why why {@code expected} is right (null for copied suites)
   */
  public record Case(
      String name,
      String file,
      String gold,
      String pred,
      boolean expected,
      Map<String, Object> options,
      String source,
      String group,
      String why) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code <<N*TEXT>>} in a named case stands for TEXT repeated N times (deep nesting). */
  private static final Pattern REPEAT = Pattern.compile("<<(\\d{1,5})\\*(.*?)>>");

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final SymjaSimplifier SYMJA = new SymjaSimplifier();
  static final MathVerifier VERIFIER = new MathVerifier(SYMJA);

  private ConformanceCases() {}

  /** The cases' folder: test resources copied from the shared reference data (see its README). */
  static Path directory() {
    URL readme = ConformanceCases.class.getResource("/conformance/math/README.md");
    if (readme == null) {
      throw new IllegalStateException("conformance/math is missing from the test resources");
    }
    try {
      return Path.of(readme.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Case> load(String file) {
    List<Case> cases = new ArrayList<>();
    Map<String, Integer> perSource = new HashMap<>();
    try {
      for (String line : Files.readAllLines(directory().resolve(file), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = JSON.readValue(line, Map.class);
        String source = (String) row.get("source");
        cases.add(
            row.containsKey("name")
                ? named(file, row)
                : copied(file, row, source + "#" + perSource.merge(source, 1, Integer::sum)));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return cases;
  }

  /** A case written for this verifier: our own option keys, a class and a reason. */
  @SuppressWarnings("unchecked")
  private static Case named(String file, Map<String, Object> row) {
    Map<String, Object> options = (Map<String, Object>) row.getOrDefault("options", Map.of());
    return new Case(
        (String) row.get("name"),
        file,
        expand((String) row.get("gold")),
        expand((String) row.get("pred")),
        (Boolean) row.get("expected"),
        options,
        file,
        (String) row.get("class"),
        (String) row.get("why"));
  }

  /** A case copied from another suite, with that suite's recorded configuration. */
  @SuppressWarnings("unchecked")
  private static Case copied(String file, Map<String, Object> row, String name) {
    return new Case(
        name,
        file,
        (String) row.get("gold"),
        (String) row.get("pred"),
        (Boolean) row.get("expected"),
        options((Map<String, Object>) row.get("config")),
        (String) row.get("source"),
        null,
        null);
  }

  static String expand(String s) {
    return REPEAT
        .matcher(s)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
  }

  /** Maps a case's recorded configuration onto our options. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> options(Map<String, Object> config) {
    Map<String, Object> o = new LinkedHashMap<>();
    Object grader = config.get("grader");
    if (grader instanceof String g) {
      if (g.startsWith("hendrycks")) {
        o.put("extraction", List.of("whole"));
        o.put("gold_extraction", List.of("whole"));
        o.put("ordered_lists", true);
      } else if (g.startsWith("Qwen")) {
        o.put("extraction", List.of("whole"));
        o.put("gold_extraction", List.of("whole"));
        o.put("float_rounding", 3);
      } else if (g.startsWith("open_r1")) {
        o.put("gold_extraction", List.of("latex", "expr"));
        o.put("gold_first_match", true);
        o.put("extraction", List.of("latex"));
        o.put("boxed_priority", 0);
        o.put("anchorless", false);
        o.put("first_match", true);
      }
      return o;
    }
    List<String> extraction = (List<String>) config.get("extraction");
    o.put("extraction", extraction);
    o.put("gold_extraction", extraction);
    Object boxed = config.get("latex_boxed_match_priority");
    o.put("boxed_priority", boxed == null ? 50 : boxed);
    if (config.get("float_rounding") != null) {
      o.put("float_rounding", config.get("float_rounding"));
    }
    if (config.get("strict") != null) {
      o.put("strict", config.get("strict"));
    }
    if (config.get("allow_set_relation_comp") != null) {
      o.put("allow_set_relation_comparison", config.get("allow_set_relation_comp"));
    }
    if (config.get("strings") != null) {
      o.put("choices", config.get("strings"));
    }
    if (config.get("lowercase") != null) {
      o.put("lowercase", config.get("lowercase"));
    }
    if ("first_match".equals(config.get("extraction_mode"))) {
      o.put("first_match", true);
      o.put("gold_first_match", true);
    }
    Object normalization = config.get("normalization");
    if (normalization instanceof Map<?, ?> n && n.get("malformed_operators") != null) {
      o.put("malformed_operators", n.get("malformed_operators"));
    }
    return o;
  }

  /** Our answer for a case: true when the prediction is judged equal to the gold. */
  public static MathVerifier.Outcome run(Case c) {
    MathOptions options = MathOptions.from(c.options(), 2000, 10_000);
    return VERIFIER.verify(c.pred(), c.gold(), options);
  }
}
