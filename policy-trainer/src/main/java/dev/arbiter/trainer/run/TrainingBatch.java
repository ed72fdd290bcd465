package dev.arbiter.trainer.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.arbiter.trainer.model.SequenceBatch;
import java.util.List;

/**
 * Prompt + response sequences laid out for a teacher-forced forward pass: position j's target is
 * token j+1, and the mask is 1 exactly where that target is a response token.
 *
 * @param sequences the left-padded sequences
 * @param targets row-major next-token targets
 * @param mask row-major 1/0 response-token mask
 * @param maxResponseLength longest response in the batch
 */
record TrainingBatch(SequenceBatch sequences, int[] targets, float[] mask, int maxResponseLength) {

  static TrainingBatch of(List<int[]> prompts, List<int[]> responses) {
    int rows = prompts.size();
    int[][] full = new int[rows][];
    int maxResponse = 0;
    for (int r = 0; r < rows; r++) {
      int[] p = prompts.get(r);
      int[] s = responses.get(r);
      full[r] = new int[p.length + s.length];
      System.arraycopy(p, 0, full[r], 0, p.length);
      System.arraycopy(s, 0, full[r], p.length, s.length);
      maxResponse = Math.max(maxResponse, s.length);
    }
    SequenceBatch batch = SequenceBatch.leftPadded(full);
    int length = batch.length();
    int[] targets = new int[rows * length];
    float[] mask = new float[rows * length];
    for (int r = 0; r < rows; r++) {
      int offset = length - full[r].length;
      int responseStart = offset + prompts.get(r).length;
      for (int c = 0; c + 1 < length; c++) {
        targets[r * length + c] = batch.at(r, c + 1);
        mask[r * length + c] = c + 1 >= responseStart ? 1f : 0f;
      }
    }
    return new TrainingBatch(batch, targets, mask, maxResponse);
  }

  NDArray targetArray(NDManager manager) {
    return manager.create(targets, new Shape(sequences.rows(), sequences.length()));
  }

  NDArray maskArray(NDManager manager) {
    return manager.create(mask, new Shape(sequences.rows(), sequences.length()));
  }

  int tokens() {
    int n = 0;
    for (float m : mask) {
      n += (int) m;
    }
    return n;
  }
}
