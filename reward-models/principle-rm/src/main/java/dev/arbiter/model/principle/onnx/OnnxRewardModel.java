package dev.arbiter.model.principle.onnx;

import ai.onnxruntime.OrtException;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.model.principle.Principle;
import dev.arbiter.model.principle.PrincipledItem;
import dev.arbiter.model.principle.batch.BatchSettings;
import dev.arbiter.model.principle.batch.DynamicBatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * A Hugging Face sequence-classification reward model exported to ONNX, conditioned on principles
 * through its descriptor's template. Inputs of all concurrent callers go through one {@link
 * DynamicBatcher}; a score depends only on its own input (padding is masked).
 */
public final class OnnxRewardModel implements BatchedBackend {

  private final ModelDescriptor descriptor;
  private final BatchedTextModel model;

  OnnxRewardModel(ModelDescriptor descriptor, BatchedTextModel model) {
    this.descriptor = descriptor;
    this.model = model;
  }

  /**
   * Opens a model directory: {@code model.onnx}, {@code tokenizer.json} and optionally {@code
   * reward-model.json}.
   *
   * @throws IllegalStateException with what is missing or does not fit
   */
  public static OnnxRewardModel open(Path dir, SessionSettings settings, BatchSettings batching) {
    Path model = dir.resolve("model.onnx");
    Path tokenizer = dir.resolve("tokenizer.json");
    for (Path p : List.of(model, tokenizer)) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(
            "model directory "
                + dir
                + " lacks "
                + p.getFileName()
                + "; expected model.onnx,"
                + " tokenizer.json and optionally "
                + ModelDescriptor.FILE);
      }
    }
    ModelDescriptor descriptor;
    try {
      descriptor = ModelDescriptor.read(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OnnxSession session;
    try {
      session =
          OnnxSession.open(
              new OnnxSession.Source.File(model),
              settings,
              OnnxSession.Output.LOGITS,
              descriptor.output());
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load " + model + ": " + e.getMessage(), e);
    }
    if (session.outputWidth() > 0 && descriptor.rewardIndex() >= session.outputWidth()) {
      session.close();
      throw new IllegalStateException(
          "reward_index "
              + descriptor.rewardIndex()
              + " is outside the model's "
              + session.outputWidth()
              + " logits ("
              + dir.resolve(ModelDescriptor.FILE)
              + ")");
    }
    try {
      return new OnnxRewardModel(
          descriptor,
          new BatchedTextModel(
              "principle-rm",
              TemplateEncoder.open(tokenizer, descriptor.maxLength()),
              session,
              batching));
    } catch (IOException | RuntimeException e) {
      session.close();
      throw new IllegalStateException("cannot load " + tokenizer + ": " + e.getMessage(), e);
    }
  }

  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** The execution provider in use. */
  public String provider() {
    return model.session().provider();
  }

  /** The batcher, for statistics. */
  public DynamicBatcher<TokenSequence, float[]> batcher() {
    return model.batcher();
  }

  @Override
  public String description() {
    return "principle-conditioned reward model '"
        + descriptor.name()
        + "' (ONNX Runtime on "
        + model.session().provider()
        + ", max length "
        + descriptor.maxLength()
        + ")";
  }

  @Override
  public BatchedTextModel model() {
    return model;
  }

  /** The token sequences for one item: one (joint) or one per principle. */
  public List<TokenSequence> encode(PrincipledItem item) {
    List<TokenSequence> out = new ArrayList<>(item.principles().size());
    for (List<Principle> unit : item.units()) {
      String block =
          unit.stream()
              .map(p -> p.render(descriptor.principleTemplate()))
              .collect(Collectors.joining(descriptor.principleSeparator()));
      out.add(model.encoder().encode(descriptor.template(), block, item.prompt(), item.response()));
    }
    return out;
  }

  @Override
  public List<ScoreResult> score(List<PrincipledItem> items) {
    List<ScoreResult> out = new ArrayList<>(items.size());
    List<List<TokenSequence>> encoded = new ArrayList<>(items.size());
    List<List<CompletableFuture<float[]>>> futures = new ArrayList<>(items.size());
    for (PrincipledItem item : items) {
      List<TokenSequence> seqs = null;
      List<CompletableFuture<float[]>> f = null;
      ScoreResult early = null;
      try {
        seqs = encode(item);
        f = model.batcher().submitAll(seqs);
      } catch (TemplateEncoder.TooLongException e) {
        early = ScoreResult.invalidRequest(null, e.getMessage());
      } catch (RejectedExecutionException e) {
        early = BatchedOutcome.overloaded(e);
      }
      encoded.add(seqs);
      futures.add(f);
      out.add(early);
    }
    for (int i = 0; i < items.size(); i++) {
      if (out.get(i) == null) {
        out.set(i, result(items.get(i), encoded.get(i), futures.get(i)));
      }
    }
    return out;
  }

  private ScoreResult result(
      PrincipledItem item, List<TokenSequence> seqs, List<CompletableFuture<float[]>> futures) {
    List<float[]> logits;
    try {
      logits = BatchedOutcome.joinAll(futures);
    } catch (BatchedOutcome.Failed e) {
      return e.result();
    }
    double[] rewards = new double[logits.size()];
    for (int k = 0; k < rewards.length; k++) {
      rewards[k] = descriptor.reward(logits.get(k));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("backend", "onnx");
    details.put("model", descriptor.name());
    details.put("tokens", seqs.stream().mapToInt(TokenSequence::length).max().orElse(0));
    truncation(seqs, details);
    return item.verdict(rewards, details);
  }

  /**
   * Adds {@code truncated} and the dropped token counts when any input was cut, and {@code
   * chars_cut} when characters were cut before tokenizing.
   */
  public static void truncation(List<TokenSequence> seqs, Map<String, Object> details) {
    int prompt = seqs.stream().mapToInt(TokenSequence::promptTokensDropped).max().orElse(0);
    int response = seqs.stream().mapToInt(TokenSequence::responseTokensDropped).max().orElse(0);
    if (seqs.stream().anyMatch(TokenSequence::truncated)) {
      details.put("truncated", true);
      details.put("prompt_tokens_dropped", prompt);
      details.put("response_tokens_dropped", response);
    }
    if (seqs.stream().anyMatch(TokenSequence::charsCut)) {
      details.put("chars_cut", true);
    }
  }
}
