package dev.arbiter.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.arbiter.trainer.run.EngineSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PolicyTest {

  static final CharTokenizer TOKENIZER = new CharTokenizer();
  static final PolicyConfig TINY = new PolicyConfig(TOKENIZER.vocabSize(), 24, 16, 2, 1);

  @BeforeAll
  static void engine() {
    EngineSetup.configure(null);
  }

  @Test
  void logits_areCausalAndIgnoreLeftPadding() {
    try (Policy policy = Policy.create(TINY, Device.cpu(), 3);
        NDManager scope = policy.manager().newSubManager()) {
      int[] a = TOKENIZER.encodePrompt("12+3=");
      int[] b = TOKENIZER.encodePrompt("12+4=");
      int[] shortOne = TOKENIZER.encodePrompt("1+1=");
      // a vs b differ only in the last token: earlier positions must agree (causal)
      float[] la =
          policy.logits(SequenceBatch.leftPadded(new int[][] {a}), scope, false).toFloatArray();
      float[] lb =
          policy.logits(SequenceBatch.leftPadded(new int[][] {b}), scope, false).toFloatArray();
      int v = TINY.vocabSize();
      for (int i = 0; i < 4 * v; i++) {
        assertThat(lb[i]).isEqualTo(la[i]);
      }
      // the short prompt gives the same last logits alone and left-padded next to a longer one
      float[] alone =
          policy
              .logits(SequenceBatch.leftPadded(new int[][] {shortOne}), scope, false)
              .get(":, -1, :")
              .toFloatArray();
      float[] padded =
          policy
              .logits(SequenceBatch.leftPadded(new int[][] {a, shortOne}), scope, false)
              .get("1, -1, :")
              .toFloatArray();
      for (int i = 0; i < v; i++) {
        assertThat(padded[i]).isCloseTo(alone[i], org.assertj.core.api.Assertions.within(1e-4f));
      }
    }
  }

  @Test
  void save_loadRoundTripGivesIdenticalGreedyOutputs() throws Exception {
    List<int[]> prompts =
        List.of(TOKENIZER.encodePrompt("3+4="), TOKENIZER.encodePrompt("x+1=5;x="));
    try (Policy policy = Policy.create(TINY, Device.cpu(), 11)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      policy.save(bytes);
      int[][] before = policy.generate(prompts, 5, TokenSampler.greedy(), new Random(1));
      try (Policy loaded =
          Policy.load(TINY, Device.cpu(), new ByteArrayInputStream(bytes.toByteArray()))) {
        assertThat(loaded.generate(prompts, 5, TokenSampler.greedy(), new Random(1)))
            .isDeepEqualTo(before);
        assertThat(loaded.parameterCount()).isEqualTo(policy.parameterCount());
      }
    }
  }

  @Test
  void generate_stopsAtMaxNewTokensAndContext() {
    try (Policy policy = Policy.create(TINY, Device.cpu(), 5)) {
      int[][] out =
          policy.generate(
              List.of(TOKENIZER.encodePrompt("1+1=")), 100, new TokenSampler(1, 1), new Random(2));
      assertThat(out[0].length).isLessThanOrEqualTo(TINY.contextLength() - 5);
    }
  }
}
