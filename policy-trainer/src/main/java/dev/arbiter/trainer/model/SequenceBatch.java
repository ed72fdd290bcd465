package dev.arbiter.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A left-padded batch of token sequences and the model inputs derived from it. Left padding keeps
 * every row's last token in the last column, so generation appends one column per step. Positions
 * count from each row's first real token; the mask is causal and hides padding keys.
 *
 * @param tokens row-major {@code rows x length} token ids, {@link CharTokenizer#PAD} for padding
 * @param rows batch size
 * @param length sequence length
 */
public record SequenceBatch(int[] tokens, int rows, int length) {

  /** A large negative additive mask value (not -inf, so fully masked rows stay finite). */
  static final float MASKED = -1e9f;

  public static SequenceBatch leftPadded(int[][] sequences) {
    int length = 0;
    for (int[] s : sequences) {
      length = Math.max(length, s.length);
    }
    int[] tokens = new int[sequences.length * length];
    for (int r = 0; r < sequences.length; r++) {
      int[] s = sequences[r];
      System.arraycopy(s, 0, tokens, r * length + length - s.length, s.length);
    }
    return new SequenceBatch(tokens, sequences.length, length);
  }

  public int at(int row, int col) {
    return tokens[row * length + col];
  }

  /** This batch with one more column. */
  public SequenceBatch append(int[] column) {
    int next = length + 1;
    int[] out = new int[rows * next];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(tokens, r * length, out, r * next, length);
      out[r * next + length] = column[r];
    }
    return new SequenceBatch(out, rows, next);
  }

  /** Index of the first non-padding token of {@code row}. */
  public int start(int row) {
    for (int c = 0; c < length; c++) {
      if (at(row, c) != CharTokenizer.PAD) {
        return c;
      }
    }
    return length;
  }

  /** The model inputs (tokens, positions, mask), created in {@code manager}. */
  public NDList inputs(NDManager manager) {
    int[] positions = new int[tokens.length];
    float[] mask = new float[rows * length * length];
    for (int r = 0; r < rows; r++) {
      int start = start(r);
      for (int c = 0; c < length; c++) {
        positions[r * length + c] = Math.max(0, c - start);
      }
      int base = r * length * length;
      for (int q = 0; q < length; q++) {
        for (int k = 0; k < length; k++) {
          boolean visible = k <= q && (k >= start || q < start);
          mask[base + q * length + k] = visible ? 0f : MASKED;
        }
      }
    }
    NDArray tokenArray = manager.create(tokens, new Shape(rows, length));
    NDArray positionArray = manager.create(positions, new Shape(rows, length));
    NDArray maskArray = manager.create(mask, new Shape(rows, 1, length, length));
    return new NDList(tokenArray, positionArray, maskArray);
  }
}
