package dev.arbiter.verifier.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.verifier.math.equiv.SymbolicSimplifier;
import dev.arbiter.verifier.math.extract.ExtractionConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MathScorerTest {

  private static final MathScorer SCORER =
      new MathScorer(
          new MathVerifier(ConformanceCases.SYMJA),
          new MathVerifierProperties(
              Duration.ofSeconds(2), Duration.ofSeconds(10), 4_000_000, true, 3));

  private static final MathVerifierProperties GENEROUS_BUDGET =
      new MathVerifierProperties(
          Duration.ofSeconds(60), Duration.ofSeconds(60), 4_000_000, true, 3);

  private static final MathScorer GENEROUS =
      new MathScorer(new MathVerifier(ConformanceCases.SYMJA), GENEROUS_BUDGET);

  @AfterAll
  static void close() {
    SCORER.close();
    GENEROUS.close();
  }

  private static ScoreResult score(String response, String gold, Map<String, Object> options) {
    return SCORER.score(
        new ScoreItem("q1", "math", null, response, Map.of("answer", gold), options, null));
  }

  @Test
  void score_latexFractionEqualsDecimal() {
    ScoreResult r = score("... so the answer is \\boxed{\\frac34}.", "0.75", Map.of());
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.reward()).isEqualTo(1.0);
    assertThat(r.components()).containsEntry("math", 1.0);
    assertThat(r.details())
        .containsEntry("extracted", "\\frac34")
        .containsEntry("canonical_prediction", "\\frac{3}{4}")
        .containsEntry("canonical_gold", "0.75");
    assertThat((String) r.details().get("reason")).contains("rounding to 6 places");
  }

  @Test
  void score_wrongAnswerIsVerdictAtFloor() {
    ScoreResult r = score("The answer is $\\boxed{5}$", "6", Map.of());
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.reward()).isEqualTo(0.0);
    assertThat(r.mask()).isFalse();
    assertThat((String) r.details().get("reason")).contains("different values (6 vs 5)");
  }

  @Test
  void score_signedRewardGivesMinusOneForWrong() {
    assertThat(score("\\boxed{5}", "6", Map.of("reward", "signed")).reward()).isEqualTo(-1.0);
    assertThat(score("\\boxed{6}", "6", Map.of("reward", "signed")).reward()).isEqualTo(1.0);
  }

  @Test
  void score_formatRequirementNeedsABox() {
    ScoreResult r = score("The answer is 6.", "6", Map.of("require_format", "boxed"));
    assertThat(r.reward()).isEqualTo(0.0);
    assertThat((String) r.details().get("reason")).startsWith("format");
    assertThat(score("so \\boxed{6}", "6", Map.of("require_format", "boxed")).reward())
        .isEqualTo(1.0);
  }

  @Test
  void score_unparseableGoldIsInvalidReference() {
    ScoreResult r = score("\\boxed{1}", "\\frac{", Map.of());
    assertThat(r.status()).isEqualTo(ScoreStatus.INVALID_REFERENCE);
    assertThat(r.reward()).isNull();
    assertThat(r.mask()).isFalse();
  }

  @Test
  void score_numericGoldIsReadExactly() {
    ScoreResult r =
        SCORER.score(
            new ScoreItem(
                "q", "math", null, "\\boxed{10^{21}}", Map.of("answer", 1e21), Map.of(), null));
    assertThat(r.reward()).isEqualTo(1.0);
    r =
        SCORER.score(
            new ScoreItem(
                "q", "math", null, "\\boxed{\\frac12}", Map.of("answer", 0.5), Map.of(), null));
    assertThat(r.reward()).isEqualTo(1.0);
  }

  @Test
  void score_letterGoldExtractsChoices() {
    assertThat(score("Comparing them, the answer is (B).", "B", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("So the answer is \\boxed{C}", "C", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("The answer is E.", "E", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("The answer is A.", "B", Map.of()).reward()).isEqualTo(0.0);
  }

  @Test
  void score_missingGoldIsInvalidReference() {
    ScoreResult r = SCORER.score(new ScoreItem("q", "math", null, "1", Map.of(), Map.of(), null));
    assertThat(r.status()).isEqualTo(ScoreStatus.INVALID_REFERENCE);
  }

  @Test
  void score_badOptionIsInvalidRequest() {
    assertInvalidOption(
        Map.of("float_rounding", "six"), "options.float_rounding must be an integer, got six");
    assertInvalidOption(
        Map.of("float_rounding", 31),
        "options.float_rounding must be an integer in [0, 30], got 31");
    assertInvalidOption(
        Map.of("percent", "half"),
        "options.percent must be one of either, fraction, number, got half");
    assertInvalidOption(
        Map.of("extraction", List.of("latex", "prose")),
        "options.extraction[1] must be one of latex, expr, string, whole, got prose");
    assertInvalidOption(
        Map.of("extraction", List.of()), "options.extraction must list at least 1 elements, got 0");
    assertInvalidOption(
        Map.of("time_budget_ms", 0),
        "options.time_budget_ms must be an integer in [1, 2147483647], got 0");
    assertInvalidOption(Map.of("strict", "yes"), "options.strict must be true or false, got yes");
    assertThat(reason(score("1", "1", Map.of("no_such_option", 1))))
        .startsWith("unknown option 'no_such_option'; known options are [allow_set_relation");
  }

  @Test
  void score_optionsKeepTheirWireNamesAndSpellings() {
    // a single target for a list, enum values in any case
    assertThat(score("\\boxed{5}", "5", Map.of("extraction", "latex")).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{5}", "6", Map.of("reward", "SIGNED")).reward()).isEqualTo(-1.0);
    assertThat(score("\\boxed{50}", "50\\%", Map.of("percent", "fraction")).reward())
        .isEqualTo(0.0);
    assertThat(score("\\boxed{0.5}", "50\\%", Map.of("percent", "fraction")).reward())
        .isEqualTo(1.0);
    assertThat(
            score("The answer is (E)", "E", Map.of("choices", List.of("A", "B", "C", "D")))
                .reward())
        .as("choices given: E is not one of them")
        .isEqualTo(0.0);
  }

  @Test
  void options_resolveDefaultsAgainstGoldAndService() {
    MathOptions plain = MathOptions.from(Map.of(), "7", 2000, 10_000);
    assertThat(plain.response().targets())
        .containsExactly(ExtractionConfig.Target.LATEX, ExtractionConfig.Target.EXPR);
    assertThat(plain.gold().targets())
        .containsExactly(
            ExtractionConfig.Target.WHOLE,
            ExtractionConfig.Target.LATEX,
            ExtractionConfig.Target.EXPR);
    assertThat(plain.response().boxedPriority()).isEqualTo(50);
    assertThat(plain.comparison().floatRounding()).isEqualTo(6);
    assertThat(plain.budgetMillis()).isEqualTo(2000);
    assertThat(plain.floor()).isEqualTo(0.0);

    MathOptions letter = MathOptions.from(Map.of(), "(F)", 2000, 10_000);
    assertThat(letter.response().targets())
        .containsExactly(ExtractionConfig.Target.LATEX, ExtractionConfig.Target.STRING);
    assertThat(letter.response().strings()).containsExactly("A", "B", "C", "D", "E", "F");

    MathOptions asked =
        MathOptions.from(Map.of("time_budget_ms", 60_000, "reward", "signed"), "7", 2000, 10_000);
    assertThat(asked.budgetMillis()).as("capped by the service").isEqualTo(10_000);
    assertThat(asked.floor()).isEqualTo(-1.0);
  }

  private static void assertInvalidOption(Map<String, Object> options, String reason) {
    ScoreResult r = score("1", "1", options);
    assertThat(r.status()).isEqualTo(ScoreStatus.INVALID_REQUEST);
    assertThat(r.reward()).isNull();
    assertThat(r.mask()).isFalse();
    assertThat(reason(r)).isEqualTo(reason);
  }

  private static String reason(ScoreResult r) {
    return (String) r.details().get("reason");
  }

  @Test
  void score_oneMinusOneOverEIsNotOnePlusOneOverE() {
    assertThat(
            score("$1 + \\frac{1}{\\mathrm{e}}$", "$1 - \\frac{1}{\\mathrm{e}}$", Map.of())
                .reward())
        .isEqualTo(0.0);
    assertThat(score("$1 - \\frac{1}{e}$", "$1 - \\frac{1}{\\mathrm{e}}$", Map.of()).reward())
        .isEqualTo(1.0);
  }

  @Test
  void score_bareGoldListsAndSymbolicForms() {
    assertThat(score("\\boxed{3, 1, 2}", "1, 2, 3", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{\\sec^2(y)}", "\\tan^2(y)+1", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{(x-2)(x+2)}", "x^2-4", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{x = 5}", "5", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{(1, 2]}", "1 < x \\le 2", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{\\pm 2}", "\\{2, -2\\}", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{2i+1}", "1+2i", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{\\binom{5}{2} + 3!}", "16", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{0.28}", "28\\%", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{|x|}", "\\sqrt{x^2}", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{x}", "\\sqrt{x^2}", Map.of()).reward()).isEqualTo(0.0);
    assertThat(score("\\boxed{28}", "28\\%", Map.of()).reward()).isEqualTo(1.0);
    assertThat(score("\\boxed{0.27}", "28\\%", Map.of()).reward()).isEqualTo(0.0);
  }

  @Test
  void score_towerOfPowersIsAVerdict() {
    assertVerdict(
        hostile("\\boxed{10^{10^{10^{10}}}}", "10^{10^{10^{10}}}+1"), ScoreStatus.OK, 0.0);
    assertVerdict(hostile("\\boxed{10^{10^{10^{10}}}}", "5"), ScoreStatus.OK, 0.0);
  }

  @Test
  void score_hugeFactorialIsAVerdict() {
    assertVerdict(hostile("\\boxed{1000000000!}", "1000000000! + 1"), ScoreStatus.OK, 0.0);
    assertVerdict(hostile("\\boxed{1000000000!}", "12"), ScoreStatus.OK, 0.0);
  }

  @Test
  void score_deeplyNestedBracesAreGroupingOnly() {
    // 3,000 brace groups around 1 are 1 (normalization drops them before any parse)
    String nested = "{".repeat(3000) + "1" + "}".repeat(3000);
    assertVerdict(hostile("\\boxed{" + nested + "}", "1"), ScoreStatus.OK, 1.0);
    assertVerdict(hostile("1", nested), ScoreStatus.OK, 1.0);
  }

  @Test
  void score_oneMegabyteResponseWithTheAnswerAtTheEndIsCorrect() {
    String filler = "Let $x$ be 12 and $$ consider \\boxed{ ".repeat(30_000);
    assertThat(filler.length()).isGreaterThan(1_000_000);
    assertVerdict(hostile(filler + " so the final answer is $7$", "7"), ScoreStatus.OK, 1.0);
  }

  @Test
  void score_oneMegabyteOfDollarsHasNoAnswer() {
    assertVerdict(hostile("$".repeat(1_000_000), "7"), ScoreStatus.OK, 0.0);
  }

  /**
   * A normal item is scored while a hostile one holds a worker: the hostile item's comparison
   * blocks (a scripted simplifier waiting on a latch) until the normal item has its verdict, so the
   * normal item cannot have waited for it.
   */
  @Test
  void score_hostileItemDoesNotStallOthers() {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MathVerifier blocking =
        new MathVerifier(
            new SymbolicSimplifier() {
              @Override
              public Boolean isZeroDifference(
                  dev.arbiter.verifier.math.ast.Expr a, dev.arbiter.verifier.math.ast.Expr b) {
                entered.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return null;
              }
            });
    try (MathScorer scorer = new MathScorer(blocking, GENEROUS_BUDGET)) {
      CompletableFuture<ScoreResult> hostile =
          CompletableFuture.supplyAsync(
              () ->
                  scorer.score(
                      new ScoreItem(
                          "hostile",
                          "math",
                          null,
                          "\\boxed{\\sum_{k=1}^{n} k}",
                          Map.of("answer", "\\sum_{k=1}^{n} k^2"),
                          Map.of(),
                          null)));
      await().atMost(Duration.ofSeconds(30)).until(() -> entered.getCount() == 0);

      ScoreResult normal =
          scorer.score(
              new ScoreItem(
                  "normal", "math", null, "\\boxed{2}", Map.of("answer", "2"), Map.of(), null));

      assertThat(hostile).isNotDone();
      assertThat(normal.status()).isEqualTo(ScoreStatus.OK);
      assertThat(normal.reward()).isEqualTo(1.0);
      release.countDown();
      assertThat(hostile.join().mask()).isFalse();
    } finally {
      release.countDown();
    }
  }

  /**
   * A worker the machine starves (here: its check waits on a latch, using no CPU, as a thread that
   * gets no core would) is not judged: at the wall-clock ceiling (1 s budget x 2) the item is
   * masked {@code overloaded}, never a {@code timeout} at the floor. (The budget is well above what
   * extraction and parsing take before the wait, even on a cold JVM.)
   */
  @Test
  void score_starvedWorkerIsMaskedOverloadedNotTimeout() {
    CountDownLatch release = new CountDownLatch(1);
    try (MathScorer scorer =
        new MathScorer(
            new MathVerifier(blockingUntil(release, true)),
            new MathVerifierProperties(
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1000, true, 2))) {
      ScoreResult r = scorer.score(slowItem());
      assertThat(r.status()).isEqualTo(ScoreStatus.OVERLOADED);
      assertThat(r.mask()).isTrue();
      assertThat(r.reward()).isNull();
      assertThat((String) r.details().get("reason"))
          .contains("CPU budget of 1000 ms not reached within the wall-clock ceiling of 2000 ms");
      release.countDown();
      assertThat(scorer.score(slowItem()).reward()).as("the same item, not starved").isEqualTo(1.0);
    } finally {
      release.countDown();
    }
  }

  /**
   * A worker that has used its CPU budget inside a step without budget checks (as in Symja) is
   * stopped by its waiting caller: a {@code timeout} verdict at the floor, not masked. The worker's
   * CPU clock is scripted: the step reports the budget spent, then blocks.
   */
  @Test
  void score_workerPastItsCpuBudgetIsTimeoutVerdict() {
    AtomicLong cpu = new AtomicLong();
    CountDownLatch release = new CountDownLatch(1);
    SymbolicSimplifier spendsTheBudget =
        (a, b) -> {
          cpu.set(Duration.ofHours(1).toNanos());
          return blockingUntil(release, true).isZeroDifference(a, b);
        };
    try (MathScorer scorer =
        new MathScorer(
            new MathVerifier(spendsTheBudget),
            new MathVerifierProperties(
                Duration.ofMillis(200), Duration.ofSeconds(1), 1000, true, 1000),
            thread -> cpu.get())) {
      ScoreResult r = scorer.score(slowItem());
      assertThat(r.status()).isEqualTo(ScoreStatus.TIMEOUT);
      assertThat(r.reward()).isEqualTo(0.0);
      assertThat(r.mask()).isFalse();
      assertThat((String) r.details().get("reason"))
          .isEqualTo("CPU time budget of 200 ms exceeded");
    } finally {
      release.countDown();
    }
  }

  /** An item that only the symbolic fallback decides (the scripted simplifiers say "equal"). */
  private static ScoreItem slowItem() {
    return new ScoreItem(
        "t",
        "math",
        null,
        "\\boxed{\\sum_{k=1}^{n} k}",
        Map.of("answer", "\\sum_{k=1}^{n} k^2"),
        Map.of(),
        null);
  }

  /** A simplifier that waits (without using CPU) until {@code release}, then answers. */
  private static SymbolicSimplifier blockingUntil(CountDownLatch release, Boolean answer) {
    return (a, b) -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer;
    };
  }

  /**
   * Scores a hostile item with a budget no run reaches, so that its verdict does not depend on how
   * fast this machine is: the guards that refuse the work (nesting, magnitude and length limits)
   * decide it, and a missing guard shows up as a wrong verdict, not as a slow test.
   */
  private static ScoreResult hostile(String response, String gold) {
    return GENEROUS.score(
        new ScoreItem("hostile", "math", null, response, Map.of("answer", gold), Map.of(), null));
  }

  private static void assertVerdict(ScoreResult r, ScoreStatus status, Double reward) {
    assertThat(r.status()).as("status (%s)", r.details().get("reason")).isEqualTo(status);
    assertThat(r.reward()).as("reward (%s)", r.details().get("reason")).isEqualTo(reward);
    assertThat(r.mask()).isFalse();
  }

  @Test
  void descriptor_namesScorerAndVersion() {
    assertThat(SCORER.descriptor().id()).isEqualTo("math");
    assertThat(SCORER.descriptor().version()).isEqualTo("math-verifier/0.1.0");
  }

  @Test
  @SuppressWarnings("unchecked")
  void descriptor_publishesTheOptionsRecordSchema() {
    Map<String, Object> schema = SCORER.descriptor().optionsSchema();
    assertThat(schema).containsEntry("additionalProperties", false);
    Map<String, Map<String, Object>> properties =
        (Map<String, Map<String, Object>>) schema.get("properties");
    assertThat(properties.keySet())
        .containsExactly(
            "extraction",
            "gold_extraction",
            "boxed_priority",
            "anchorless",
            "first_match",
            "gold_first_match",
            "choices",
            "lowercase",
            "malformed_operators",
            "units",
            "float_rounding",
            "strict",
            "allow_set_relation_comparison",
            "percent",
            "symbolic",
            "ordered_lists",
            "reward",
            "require_format",
            "time_budget_ms");
    assertThat(properties.get("float_rounding"))
        .containsEntry("type", "integer")
        .containsEntry("default", 6);
    assertThat(((Number) properties.get("float_rounding").get("minimum")).intValue()).isZero();
    assertThat(((Number) properties.get("float_rounding").get("maximum")).intValue()).isEqualTo(30);
    assertThat(properties.get("reward"))
        .containsEntry("enum", List.of("binary", "signed"))
        .containsEntry("default", "binary");
    assertThat(properties.get("require_format")).containsEntry("default", "none");
    assertThat(properties.get("percent")).containsEntry("default", "either");
    assertThat(properties.get("boxed_priority")).containsEntry("default", 50);
    assertThat(properties.get("anchorless")).containsEntry("default", true);
    assertThat(properties.get("time_budget_ms")).doesNotContainKey("default");
  }
}
