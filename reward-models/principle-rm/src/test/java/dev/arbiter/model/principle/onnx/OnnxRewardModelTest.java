package dev.arbiter.model.principle.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.model.principle.Principle;
import dev.arbiter.model.principle.PrincipledItem;
import dev.arbiter.model.principle.ScoringMode;
import dev.arbiter.model.principle.batch.BatchSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRewardModelTest {

  static final String DESCRIPTOR =
      """
      {"name":"tiny","template":"principles : {principles} user : {prompt} assistant : {response}",
       "principle_template":"{dimension}","max_length":24,"reward_index":0}
      """;
  static final BatchSettings BATCHING = new BatchSettings(8, Duration.ofMillis(20), 1024, 1);
  static final List<Principle> HHH =
      List.of(
          new Principle("helpful", "helpful", null, 1), new Principle("honest", "honest", null, 3));

  @TempDir static Path tmp;
  static OnnxRewardModel model;

  @BeforeAll
  static void open() throws Exception {
    Path dir =
        TinyRewardModel.write(tmp.resolve("tiny"), TinyRewardModel.Variant.PLAIN, DESCRIPTOR);
    model = OnnxRewardModel.open(dir, SessionSettings.cpuDefaults(), BATCHING);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static PrincipledItem item(String prompt, String response, ScoringMode mode) {
    return new PrincipledItem(prompt, response, HHH, mode);
  }

  @Test
  void score_goodAnswerOutscoresBadAnswer() {
    List<ScoreResult> r =
        model.score(
            List.of(
                item("the question", "good great answer", ScoringMode.JOINT),
                item("the question", "bad terrible answer", ScoringMode.JOINT)));
    assertThat(r).allMatch(x -> x.status() == ScoreStatus.OK);
    assertThat(r.get(0).reward()).isGreaterThan(r.get(1).reward() + 1);
    assertThat(r.get(0).components()).containsOnlyKeys("joint");
    assertThat(r.get(0).details()).containsEntry("backend", "onnx").doesNotContainKey("truncated");
  }

  @Test
  void score_perPrincipleReportsComponentsAndWeightedMean() {
    ScoreResult r =
        model.score(List.of(item("q", "good answer", ScoringMode.PER_PRINCIPLE))).get(0);
    assertThat(r.components()).containsOnlyKeys("helpful", "honest");
    double expected = (r.components().get("helpful") + 3 * r.components().get("honest")) / 4;
    assertThat(r.reward()).isCloseTo(expected, within(1e-9));
    assertThat(r.components().get("helpful")).isNotEqualTo(r.components().get("honest"));
  }

  @Test
  void score_doesNotDependOnBatchCompanions() throws Exception {
    PrincipledItem probe = item("a question", "good answer", ScoringMode.PER_PRINCIPLE);
    double alone = model.score(List.of(probe)).get(0).reward();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<CompletableFuture<List<ScoreResult>>> futures = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int n = t;
        futures.add(
            CompletableFuture.supplyAsync(
                () -> {
                  List<PrincipledItem> batch = new ArrayList<>();
                  for (int i = 0; i < 5; i++) {
                    String filler = "bad word filler ".repeat(1 + (i + n) % 5);
                    batch.add(item("x y z " + filler, filler + " terrible", ScoringMode.JOINT));
                  }
                  batch.add(probe);
                  return model.score(batch);
                },
                pool));
      }
      for (CompletableFuture<List<ScoreResult>> f : futures) {
        assertThat(f.get().get(5).reward()).isCloseTo(alone, within(1e-4));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(model.batcher().batches()).isLessThan(model.batcher().items());
  }

  @Test
  void score_longPromptIsCutFromTheLeftAndFlagged() {
    String prompt = "bad ".repeat(30) + "good good";
    ScoreResult r = model.score(List.of(item(prompt, "the answer", ScoringMode.JOINT))).get(0);
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.details())
        .containsEntry("truncated", true)
        .containsEntry("response_tokens_dropped", 0)
        .containsEntry("tokens", 24);
    assertThat(r.details()).containsEntry("prompt_tokens_dropped", 20);
    // what is kept is the prompt's tail: it scores exactly like that tail sent alone
    String tail = "bad ".repeat(10) + "good good";
    ScoreResult kept = model.score(List.of(item(tail, "the answer", ScoringMode.JOINT))).get(0);
    assertThat(kept.details()).doesNotContainKey("truncated");
    assertThat(r.reward()).isCloseTo(kept.reward(), within(1e-6));
  }

  @Test
  void score_responseLongerThanMaxLengthIsCutAndFlagged() {
    String response = "good ".repeat(200);
    ScoreResult r = model.score(List.of(item("q", response, ScoringMode.JOINT))).get(0);
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.details())
        .containsEntry("truncated", true)
        .containsEntry("prompt_tokens_dropped", 1)
        .containsEntry("chars_cut", true);
    // 1,000 characters: only the first 24 * 16 are tokenized, then cut to fit 24 tokens
    assertThat((Integer) r.details().get("response_tokens_dropped")).isBetween(50, 77);
  }

  @Test
  void score_principlesLongerThanMaxLengthIsInvalidRequest() {
    List<Principle> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(new Principle("helpful" + i, "d", null, 1));
    }
    ScoreResult r =
        model.score(List.of(new PrincipledItem("q", "a", many, ScoringMode.JOINT))).get(0);
    assertThat(r.status()).isEqualTo(ScoreStatus.INVALID_REQUEST);
    assertThat((String) r.details().get("reason")).contains("max length is 24");
  }

  @Test
  void open_tokenTypeGraphGetsTokenTypeIds() throws Exception {
    try (OnnxRewardModel typed =
        open(write("types", TinyRewardModel.Variant.WITH_TOKEN_TYPES, DESCRIPTOR))) {
      ScoreResult r = typed.score(List.of(item("q", "good", ScoringMode.JOINT))).get(0);
      assertThat(r.status()).isEqualTo(ScoreStatus.OK);
      assertThat(r.reward()).isGreaterThan(0);
    }
  }

  @Test
  void open_int32InputsScoreLikeInt64() throws Exception {
    try (OnnxRewardModel int32 =
        open(write("int32", TinyRewardModel.Variant.INT32_INPUTS, DESCRIPTOR))) {
      PrincipledItem probe = item("q", "good answer", ScoringMode.JOINT);
      assertThat(int32.score(List.of(probe)).get(0).reward())
          .isCloseTo(model.score(List.of(probe)).get(0).reward(), within(1e-6));
    }
  }

  @Test
  void open_modelWithOtherInputsFailsNamingThem() throws Exception {
    assertOpenFails("wrong", TinyRewardModel.Variant.WRONG_INPUTS, null)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unexpected input 'pixel_values'")
        .hasMessageContaining("missing input 'input_ids'");
  }

  @Test
  void open_rewardIndexOutsideLogitsFails() throws Exception {
    assertOpenFails("index", TinyRewardModel.Variant.PLAIN, "{\"reward_index\": 5}")
        .hasMessageContaining("reward_index 5 is outside the model's 2 logits");
  }

  @Test
  void open_descriptorTypoFailsNamingTheFile() throws Exception {
    assertOpenFails("typo", TinyRewardModel.Variant.PLAIN, "{\"max_lenght\": 64}")
        .hasMessageContaining("reward-model.json is not a valid model descriptor")
        .hasMessageContaining("max_lenght");
  }

  /** Opening a model written as {@code variant} with {@code descriptor} fails. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertOpenFails(
      String name, TinyRewardModel.Variant variant, String descriptor) throws IOException {
    Path dir = write(name, variant, descriptor);
    return assertThatThrownBy(() -> open(dir));
  }

  private static Path write(String name, TinyRewardModel.Variant variant, String descriptor)
      throws IOException {
    return TinyRewardModel.write(tmp.resolve(name), variant, descriptor);
  }

  private static OnnxRewardModel open(Path dir) {
    return OnnxRewardModel.open(dir, SessionSettings.cpuDefaults(), BATCHING);
  }

  @Test
  void open_missingTokenizerFailsNamingIt() throws Exception {
    Path dir = write("notok", TinyRewardModel.Variant.PLAIN, null);
    java.nio.file.Files.delete(dir.resolve("tokenizer.json"));
    assertThatThrownBy(() -> open(dir)).hasMessageContaining("lacks tokenizer.json");
  }

  @Test
  void open_cudaOnCpuBuildFallsBackToCpu() throws Exception {
    Path dir =
        TinyRewardModel.write(tmp.resolve("cuda"), TinyRewardModel.Variant.PLAIN, DESCRIPTOR);
    SessionSettings cuda =
        new SessionSettings(SessionSettings.Device.CUDA, 0, 1, 1, "basic", false);
    try (OnnxRewardModel m = OnnxRewardModel.open(dir, cuda, BATCHING)) {
      assertThat(m.provider()).isEqualTo("cpu");
      assertThat(m.score(List.of(item("q", "good", ScoringMode.JOINT))).get(0).reward())
          .isGreaterThan(0);
    }
  }
}
