package dev.arbiter.trainer.run;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import dev.arbiter.trainer.model.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * One optimizer step over every parameter; a step whose gradients are not all finite is skipped
 * (and counted) rather than poisoning the weights, as mixed-precision trainers do.
 */
final class GradientStep {

  private final RunEvents events;
  private int skipped;

  GradientStep(RunEvents events) {
    this.events = events;
  }

  void apply(Policy policy, Optimizer optimizer) {
    List<Parameter> params = policy.parameters();
    List<NDArray> grads = new ArrayList<>(params.size());
    boolean finite = true;
    for (Parameter p : params) {
      NDArray grad = p.getArray().getGradient();
      grads.add(grad);
      finite &= Float.isFinite(grad.abs().sum().getFloat());
    }
    for (int i = 0; i < grads.size(); i++) {
      try (NDArray grad = grads.get(i)) {
        if (finite) {
          optimizer.update(params.get(i).getId(), params.get(i).getArray(), grad);
        }
        // zero_() rather than grad * 0, which would keep a NaN or an infinity forever
        JniUtils.zeroGrad((PtNDArray) params.get(i).getArray());
      }
    }
    if (!finite) {
      skipped++;
      events.event("skipped an update with non-finite gradients (" + skipped + " so far)");
    }
  }
}
