package dev.arbiter.verifier.math;

import dev.arbiter.verifier.math.equiv.SymjaSimplifier;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance cases ({@code src/test/resources/conformance/math/*.jsonl}) and the mapping of
 * each case's recorded grader configuration onto this scorer's options.
 */
public final class ConformanceCases {

  /** One (gold, pred, expected) case. {@code id} is {@code file:line}. */
  public record Case(
      String id,
      String file,
      String gold,
      String pred,
      boolean expected,
      Map<String, Object> options,
      String source) {
    @Override
    public String toString() {
      return id;
    }
  }

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
    try {
      List<String> lines = Files.readAllLines(directory().resolve(file), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = JSON.readValue(lines.get(i), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) row.get("config");
        cases.add(
            new Case(
                file + ":" + (i + 1),
                file,
                (String) row.get("gold"),
                (String) row.get("pred"),
                (Boolean) row.get("expected"),
                options(config),
                (String) row.get("source")));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return cases;
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
