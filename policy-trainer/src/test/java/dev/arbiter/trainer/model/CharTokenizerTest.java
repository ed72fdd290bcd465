package dev.arbiter.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharTokenizerTest {

  private final CharTokenizer tokenizer = new CharTokenizer();

  @Test
  void encode_roundTripsAsciiAndStopsAtEos() {
    int[] prompt = tokenizer.encodePrompt("12+7=");
    assertThat(prompt[0]).isEqualTo(CharTokenizer.BOS);
    assertThat(tokenizer.decode(prompt, 0, prompt.length)).isEqualTo("12+7=");
    int[] target = tokenizer.encodeTarget("19");
    assertThat(target[target.length - 1]).isEqualTo(CharTokenizer.EOS);
    int[] withTail = {target[0], target[1], CharTokenizer.EOS, tokenizer.encodeChar('5')};
    assertThat(tokenizer.decode(withTail, 0, withTail.length)).isEqualTo("19");
  }

  @Test
  void encodeChar_mapsNonAsciiToQuestionMark() {
    assertThat(tokenizer.encodeChar('é')).isEqualTo(tokenizer.encodeChar('?'));
    assertThat(tokenizer.vocabSize()).isEqualTo(98);
  }
}
