package dev.arbiter.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention with an additive mask. Inputs: {@code x (B, T, D)} and {@code mask (B,
 * 1, T, T)} holding 0 where a query may attend and a large negative number elsewhere (causal plus
 * key padding), built once per forward by {@link CausalLanguageModel}.
 */
final class CausalSelfAttention extends AbstractBlock {

  private final int heads;
  private final int width;
  private final Linear qkv;
  private final Linear proj;

  CausalSelfAttention(int width, int heads) {
    this.width = width;
    this.heads = heads;
    this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
    this.proj = addChildBlock("proj", Linear.builder().setUnits(width).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray mask = inputs.get(1);
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int hd = width / heads;
    // (B, T, 3, H, hd) -> (3, B, H, T, hd)
    NDArray qkvOut =
        qkv.forward(ps, new NDList(x), training)
            .singletonOrThrow()
            .reshape(b, t, 3, heads, hd)
            .transpose(2, 0, 3, 1, 4);
    NDArray q = qkvOut.get(0);
    NDArray k = qkvOut.get(1);
    NDArray v = qkvOut.get(2);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(hd)).add(mask);
    NDArray attended = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, width);
    return proj.forward(ps, new NDList(attended), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(
      ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    qkv.initialize(manager, dataType, x);
    proj.initialize(manager, dataType, x);
  }
}
