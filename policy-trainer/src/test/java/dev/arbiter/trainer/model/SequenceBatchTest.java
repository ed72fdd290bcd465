package dev.arbiter.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceBatchTest {

  @Test
  void leftPadded_alignsLastTokensAndAppendsColumns() {
    SequenceBatch b = SequenceBatch.leftPadded(new int[][] {{1, 5, 6}, {1, 7}});
    assertThat(b.tokens()).containsExactly(1, 5, 6, CharTokenizer.PAD, 1, 7);
    assertThat(b.start(0)).isZero();
    assertThat(b.start(1)).isEqualTo(1);
    SequenceBatch next = b.append(new int[] {8, 9});
    assertThat(next.length()).isEqualTo(4);
    assertThat(next.at(0, 3)).isEqualTo(8);
    assertThat(next.at(1, 3)).isEqualTo(9);
  }
}
