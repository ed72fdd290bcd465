package dev.arbiter.model.principle.onnx;

import dev.arbiter.model.principle.batch.BatchSettings;
import dev.arbiter.model.principle.batch.DynamicBatcher;

/**
 * A tokenizer, an ONNX session and the dynamic batcher in front of the session: what every
 * ONNX-backed model runs on. Closing it stops the batcher, then frees the session and tokenizer.
 */
public final class BatchedTextModel implements AutoCloseable {

  private final TemplateEncoder encoder;
  private final OnnxSession session;
  private final DynamicBatcher<TokenSequence, float[]> batcher;
  private final int batchSize;

  public BatchedTextModel(
      String name, TemplateEncoder encoder, OnnxSession session, BatchSettings batching) {
    this.encoder = encoder;
    this.session = session;
    this.batchSize = batching.maxBatchSize();
    this.batcher = new DynamicBatcher<>(name, session::run, TokenSequence::length, batching);
  }

  public TemplateEncoder encoder() {
    return encoder;
  }

  public OnnxSession session() {
    return session;
  }

  public DynamicBatcher<TokenSequence, float[]> batcher() {
    return batcher;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Runs two rounds of a full batch of short inputs through the batcher. */
  public void warmUp() {
    BatchedOutcome.warmUp(batcher, encoder, batchSize);
  }

  @Override
  public void close() {
    batcher.close();
    session.close();
    encoder.close();
  }
}
