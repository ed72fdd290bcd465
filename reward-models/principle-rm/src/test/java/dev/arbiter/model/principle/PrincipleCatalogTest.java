package dev.arbiter.model.principle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipleCatalogTest {

  static final List<Principle> FOUR =
      List.of(
          new Principle("a", "def a", null, 8),
          new Principle("b", "def b", null, 1),
          new Principle("c", "def c", null, 1),
          new Principle("d", "def d", "not d", 1));

  final PrincipleCatalog catalog =
      new PrincipleCatalog(Map.of("four", FOUR), PrincipleCatalog.BUILT_IN, ScoringMode.JOINT);

  static ScoreItem item(String id, Map<String, Object> options) {
    return new ScoreItem(id, "principle", "p", "r", Map.of(), options, null);
  }

  @Test
  void select_noOptionsIsDefaultSetJoint() {
    var s = catalog.select(item("x", Map.of()));
    assertThat(s.principles())
        .extracting(Principle::dimension)
        .containsExactly("helpful", "honest", "harmless");
    assertThat(s.mode()).isEqualTo(ScoringMode.JOINT);
    assertThat(s.sampled()).isFalse();
  }

  @Test
  void select_inlinePrinciplesWithDefaults() {
    var s =
        catalog.select(
            item(
                "x",
                Map.of(
                    "mode",
                    "per_principle",
                    "principles",
                    List.of(
                        Map.of("dimension", "brief", "definition", "is short"),
                        Map.of(
                            "dimension",
                            "d",
                            "definition",
                            "e",
                            "negative_definition",
                            "not e",
                            "weight",
                            2)))));
    assertThat(s.principles())
        .containsExactly(
            new Principle("brief", "is short", null, 1), new Principle("d", "e", "not e", 2));
    assertThat(s.mode()).isEqualTo(ScoringMode.PER_PRINCIPLE);
  }

  @Test
  void select_modeInAnyCase() {
    assertThat(catalog.select(item("x", Map.of("mode", "PER_PRINCIPLE"))).mode())
        .isEqualTo(ScoringMode.PER_PRINCIPLE);
  }

  @Test
  void select_sampleKIsSeededPerItem() {
    Map<String, Object> opts = Map.of("principle_set", "four", "sample_k", 2, "seed", 3);
    var once = catalog.select(item("rollout-1", opts));
    var again = catalog.select(item("rollout-1", opts));
    assertThat(once.sampled()).isTrue();
    assertThat(once.principles()).hasSize(2).isEqualTo(again.principles());
    var otherSeed =
        new HashMap<String, Object>(opts) {
          {
            put("seed", 4);
          }
        };
    int differ = 0;
    for (int i = 0; i < 20; i++) {
      var a = catalog.select(item("r" + i, opts)).principles();
      var b = catalog.select(item("r" + i, otherSeed)).principles();
      differ += a.equals(b) ? 0 : 1;
    }
    assertThat(differ).isGreaterThan(0);
  }

  @Test
  void sample_followsWeightsWithoutReplacement() {
    int heavy = 0;
    for (long seed = 0; seed < 2000; seed++) {
      List<Principle> drawn = PrincipleCatalog.sample(FOUR, 1, seed);
      heavy += drawn.get(0).dimension().equals("a") ? 1 : 0;
      assertThat(PrincipleCatalog.sample(FOUR, 3, seed)).doesNotHaveDuplicates().hasSize(3);
    }
    // weight 8 of 11: drawn first about 73% of the time
    assertThat(heavy / 2000.0).isBetween(0.68, 0.78);
  }

  @Test
  void select_sampleKAtLeastSetSizeKeepsAll() {
    var s = catalog.select(item("x", Map.of("principle_set", "four", "sample_k", 9)));
    assertThat(s.principles()).isEqualTo(FOUR);
    assertThat(s.sampled()).isFalse();
  }

  @Test
  void select_badOptionsAreInvalidRequestWithWhatWasExpected() {
    assertProblem(
        Map.of("principle_set", "nope"),
        "principle set 'nope' is unknown; known sets are [four, hhh]");
    assertProblem(
        Map.of("principles", List.of()), "options.principles must list 1 to 64 elements, got 0");
    assertProblem(Map.of("principles", "helpful"), "options.principles must be a list");
    assertProblem(
        Map.of("principles", List.of(Map.of("dimension", "x"))),
        "principle 'x' needs a non-blank 'definition'");
    assertProblem(
        Map.of("principles", List.of(Map.of("dimension", "x", "definition", "y", "weight", -1))),
        "positive finite 'weight'");
    assertProblem(
        Map.of("principles", List.of(Map.of("dimension", "x", "definition", "y", "weight", "2"))),
        "options.principles[0].weight must be a number, got 2");
    assertProblem(
        Map.of("mode", "sum"), "options.mode must be one of joint, per_principle, got sum");
    assertProblem(
        Map.of("sample_k", 0), "options.sample_k must be an integer in [1, 2147483647], got 0");
    assertProblem(Map.of("sample_k", 1.5), "options.sample_k must be an integer, got 1.5");
    assertProblem(Map.of("seed", "7"), "options.seed must be an integer, got 7");
    assertProblem(Map.of("principle_set", "four", "principles", List.of(ONE_INLINE)), "not both");
    assertProblem(Map.of("principle_sett", "four"), "unknown option 'principle_sett'");
  }

  static final Map<String, Object> ONE_INLINE = Map.of("dimension", "a", "definition", "def a");

  @Test
  void select_tooManyInlinePrinciplesIsInvalidRequest() {
    List<Map<String, Object>> many = java.util.Collections.nCopies(65, ONE_INLINE);
    assertProblem(
        Map.of("principles", many), "options.principles must list 1 to 64 elements, got 65");
  }

  private void assertProblem(Map<String, Object> options, String message) {
    assertThatThrownBy(() -> catalog.select(item("i", options)))
        .isInstanceOfSatisfying(
            RequestProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.INVALID_REQUEST))
        .hasMessageContaining(message)
        .hasMessageStartingWith("item 'i': ");
  }

  @Test
  void constructor_unknownDefaultSetFails() {
    assertThatThrownBy(() -> new PrincipleCatalog(Map.of(), "missing", ScoringMode.JOINT))
        .hasMessageContaining("default principle set 'missing' is not among [hhh]");
  }
}
