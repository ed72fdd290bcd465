package dev.arbiter.trainer.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.arbiter.trainer.run.EngineSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GrpoObjectiveTest {

  static NDManager manager;

  @BeforeAll
  static void engine() {
    EngineSetup.configure(null);
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private NDArray rows(float[] values, int rows) {
    return manager.create(values, new Shape(rows, values.length / rows));
  }

  @Test
  void loss_clipsRatioAgainstAdvantageSign() {
    // Two rows, one token each. Row 0: ratio e^0.5 = 1.6487, A = +1 -> clipped to 1.2 -> -1.2.
    // Row 1: ratio e^-0.5 = 0.6065, A = -1 -> min(-0.6065, -0.8) = -0.8 -> +0.8.
    // GRPO mean over rows: (-1.2 + 0.8) / 2 = -0.2
    NDArray logp = rows(new float[] {-0.5f, -1.5f}, 2);
    NDArray old = rows(new float[] {-1f, -1f}, 2);
    NDArray adv = rows(new float[] {1f, -1f}, 2);
    NDArray mask = rows(new float[] {1f, 1f}, 2);
    var r = new GrpoObjective(0.2, 0, AdvantageMode.GRPO).loss(logp, old, null, adv, mask, 1);
    assertThat(r.loss().getFloat()).isCloseTo(-0.2f, within(1e-5f));
    assertThat(r.clipFraction()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void loss_grpoAveragesPerSequenceAndDrGrpoByConstant() {
    // On-policy (ratio 1): per-token loss = -A. Row 0 has 1 token (A=1), row 1 has 3 (A=-1).
    NDArray logp = rows(new float[] {-1f, 0f, 0f, -1f, -1f, -1f}, 2);
    NDArray adv = rows(new float[] {1f, -1f}, 2);
    NDArray mask = rows(new float[] {1f, 0f, 0f, 1f, 1f, 1f}, 2);
    // GRPO: row means -1 and +1 -> 0
    var grpo = new GrpoObjective(0.2, 0, AdvantageMode.GRPO).loss(logp, null, null, adv, mask, 3);
    assertThat(grpo.loss().getFloat()).isCloseTo(0f, within(1e-6f));
    // Dr. GRPO: token sum (-1 + 3) / (2 rows * 3) = 1/3
    var dr = new GrpoObjective(0.2, 0, AdvantageMode.DR_GRPO).loss(logp, null, null, adv, mask, 3);
    assertThat(dr.loss().getFloat()).isCloseTo(1f / 3, within(1e-6f));
    assertThat(dr.clipFraction()).isZero();
  }

  @Test
  void loss_addsK3KlToReference() {
    // logp = -1, ref = -2: diff = -1, KL = e^-1 + 1 - 1 = 0.36788; A = 0 -> loss = beta * KL
    NDArray logp = rows(new float[] {-1f}, 1);
    NDArray ref = rows(new float[] {-2f}, 1);
    NDArray adv = rows(new float[] {0f}, 1);
    NDArray mask = rows(new float[] {1f}, 1);
    var r = new GrpoObjective(0.2, 0.5, AdvantageMode.GRPO).loss(logp, null, ref, adv, mask, 1);
    assertThat(r.kl()).isCloseTo(Math.exp(-1), within(1e-5));
    assertThat(r.loss().getFloat()).isCloseTo((float) (0.5 * Math.exp(-1)), within(1e-5f));
  }

  @Test
  void loss_onPolicyGradientIsMinusAdvantage() {
    // d/dlogp of -exp(logp - sg(logp)) * A = -A on an unclipped token
    NDArray logp = rows(new float[] {-0.3f, -0.7f}, 2);
    logp.setRequiresGradient(true);
    NDArray adv = rows(new float[] {2f, -1f}, 2);
    NDArray mask = rows(new float[] {1f, 1f}, 2);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      var r = new GrpoObjective(0.2, 0, AdvantageMode.GRPO).loss(logp, null, null, adv, mask, 1);
      gc.backward(r.loss());
    }
    // mean over 2 rows: gradient -A / 2
    assertThat(logp.getGradient().toFloatArray()).containsExactly(-1f, 0.5f);
  }

  @Test
  void tokenLogProbs_picksTargetsFromLogSoftmax() {
    // logits [0, ln 3] -> p = [0.25, 0.75]
    NDArray logits = manager.create(new float[] {0f, (float) Math.log(3)}, new Shape(1, 1, 2));
    NDArray targets = manager.create(new int[] {1}, new Shape(1, 1));
    float lp = GrpoObjective.tokenLogProbs(logits, targets).getFloat();
    assertThat(lp).isCloseTo((float) Math.log(0.75), within(1e-6f));
    NDArray mask = manager.create(new float[] {1f}, new Shape(1, 1));
    double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
    assertThat(GrpoObjective.entropy(logits, mask)).isCloseTo(h, within(1e-6));
  }
}
