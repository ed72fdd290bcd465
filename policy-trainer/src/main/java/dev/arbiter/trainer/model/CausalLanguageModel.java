package dev.arbiter.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A GPT-style causal language model built from DJL blocks: token and learned position embeddings,
 * pre-norm transformer layers, a final layer norm and a linear LM head.
 *
 * <p>Inputs: {@code tokens (B, T)} int32, {@code positions (B, T)} int32 and the additive attention
 * mask {@code (B, 1, T, T)} (see {@link SequenceBatch}). Output: logits {@code (B, T, V)}.
 */
public final class CausalLanguageModel extends AbstractBlock {

  private final PolicyConfig config;
  private final IdEmbedding tokenEmbedding;
  private final IdEmbedding positionEmbedding;
  private final List<TransformerLayer> layers = new ArrayList<>();
  private final LayerNorm finalNorm;
  private final Linear head;

  public CausalLanguageModel(PolicyConfig config) {
    this.config = config;
    tokenEmbedding =
        addChildBlock(
            "tok",
            new IdEmbedding.Builder()
                .setDictionarySize(config.vocabSize())
                .setEmbeddingSize(config.embedding())
                .build());
    positionEmbedding =
        addChildBlock(
            "pos",
            new IdEmbedding.Builder()
                .setDictionarySize(config.contextLength())
                .setEmbeddingSize(config.embedding())
                .build());
    for (int i = 0; i < config.layers(); i++) {
      layers.add(
          addChildBlock("layer" + i, new TransformerLayer(config.embedding(), config.heads())));
    }
    finalNorm = addChildBlock("ln_f", LayerNorm.builder().axis(2).build());
    head = addChildBlock("head", Linear.builder().setUnits(config.vocabSize()).build());
  }

  public PolicyConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.get(0);
    NDArray positions = inputs.get(1);
    NDArray mask = inputs.get(2);
    NDArray x =
        tokenEmbedding
            .forward(ps, new NDList(tokens), training)
            .singletonOrThrow()
            .add(positionEmbedding.forward(ps, new NDList(positions), training).singletonOrThrow());
    for (TransformerLayer layer : layers) {
      x = layer.forward(ps, new NDList(x, mask), training).singletonOrThrow();
    }
    x = finalNorm.forward(ps, new NDList(x), training).singletonOrThrow();
    return head.forward(ps, new NDList(x), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape tokens = inputShapes[0];
    return new Shape[] {new Shape(tokens.get(0), tokens.get(1), config.vocabSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape ids = shapes[0];
    tokenEmbedding.initialize(manager, dataType, ids);
    positionEmbedding.initialize(manager, dataType, ids);
    Shape hidden = new Shape(ids.get(0), ids.get(1), config.embedding());
    for (TransformerLayer layer : layers) {
      layer.initialize(manager, dataType, hidden, shapes[2]);
    }
    finalNorm.initialize(manager, dataType, hidden);
    head.initialize(manager, dataType, hidden);
  }
}
