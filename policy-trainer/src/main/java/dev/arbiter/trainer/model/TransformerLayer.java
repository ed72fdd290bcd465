package dev.arbiter.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A pre-norm transformer layer: {@code x + attn(ln(x))}, then {@code x + mlp(ln(x))}. */
final class TransformerLayer extends AbstractBlock {

  private final LayerNorm norm1;
  private final CausalSelfAttention attention;
  private final LayerNorm norm2;
  private final Linear up;
  private final Linear down;

  TransformerLayer(int width, int heads) {
    norm1 = addChildBlock("ln1", LayerNorm.builder().axis(2).build());
    attention = addChildBlock("attn", new CausalSelfAttention(width, heads));
    norm2 = addChildBlock("ln2", LayerNorm.builder().axis(2).build());
    up = addChildBlock("up", Linear.builder().setUnits(4L * width).build());
    down = addChildBlock("down", Linear.builder().setUnits(width).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray mask = inputs.get(1);
    NDArray h = norm1.forward(ps, new NDList(x), training).singletonOrThrow();
    x = x.add(attention.forward(ps, new NDList(h, mask), training).singletonOrThrow());
    h = norm2.forward(ps, new NDList(x), training).singletonOrThrow();
    h = Activation.gelu(up.forward(ps, new NDList(h), training).singletonOrThrow());
    x = x.add(down.forward(ps, new NDList(h), training).singletonOrThrow());
    return new NDList(x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape x = shapes[0];
    norm1.initialize(manager, dataType, x);
    attention.initialize(manager, dataType, x, shapes[1]);
    norm2.initialize(manager, dataType, x);
    up.initialize(manager, dataType, x);
    long[] dims = x.getShape().clone();
    dims[dims.length - 1] = dims[dims.length - 1] * 4;
    down.initialize(manager, dataType, new Shape(dims));
  }
}
