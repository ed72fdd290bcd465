package dev.arbiter.trainer.model;

/**
 * Size of the causal transformer.
 *
 * @param vocabSize tokenizer vocabulary size
 * @param contextLength longest sequence (prompt + response) the position embedding covers
 * @param embedding model width
 * @param heads attention heads (divides {@code embedding})
 * @param layers transformer layers
 */
public record PolicyConfig(int vocabSize, int contextLength, int embedding, int heads, int layers) {

  public PolicyConfig {
    if (embedding % heads != 0) {
      throw new IllegalArgumentException(
          "embedding " + embedding + " should be a multiple of heads " + heads);
    }
    if (vocabSize < 4 || contextLength < 2 || layers < 1) {
      throw new IllegalArgumentException("policy dimensions too small: " + this);
    }
  }

  /** A small model for the CPU demo. */
  public static PolicyConfig small(int vocabSize) {
    return new PolicyConfig(vocabSize, 48, 96, 4, 3);
  }
}
