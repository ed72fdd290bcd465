package dev.arbiter.model.principle.onnx;

/**
 * One tokenized model input, unpadded.
 *
 * @param ids token ids, special tokens included
 * @param typeIds token type ids (segment ids), same length
 * @param promptTokensDropped prompt tokens cut from the left to fit the max length
 * @param responseTokensDropped response tokens cut from the right (only when even the whole prompt
 *     was not enough)
 * @param charsCut the prompt or response was so long that characters beyond the tokenizer's
 *     character budget were cut before tokenizing (the dropped token counts are then lower bounds)
 */
public record TokenSequence(
    long[] ids,
    long[] typeIds,
    int promptTokensDropped,
    int responseTokensDropped,
    boolean charsCut) {

  public TokenSequence {
    if (ids.length != typeIds.length) {
      throw new IllegalArgumentException("ids and type ids differ in length");
    }
  }

  public int length() {
    return ids.length;
  }

  public boolean truncated() {
    return promptTokensDropped > 0 || responseTokensDropped > 0 || charsCut;
  }
}
