package dev.arbiter.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.arbiter.trainer.run.EngineSetup;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SequenceBatchTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure(null);
  }

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

  @Test
  void scalar_staysValidForTheBackwardPassAfterGarbageCollection() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray x = manager.create(new float[] {1, 2, 3});
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = x.mul(SequenceBatch.scalar(manager, 0.25)).sum();
        // what freed a DJL number-overload's direct buffer between forward and backward
        for (int i = 0; i < 5; i++) {
          System.gc();
          ByteBuffer.allocateDirect(1 << 16).put(new byte[1 << 16]);
        }
        gc.backward(y);
      }
      assertThat(x.getGradient().toFloatArray()).containsExactly(0.25f, 0.25f, 0.25f);
    }
  }
}
