package dev.arbiter.model.principle.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONNX Runtime session over a text model with inputs {@code input_ids}, {@code attention_mask}
 * and optionally {@code token_type_ids}. {@link #run} pads a batch to its longest sequence and
 * returns one row per sequence: the logits of a {@code [batch, n]} output, or the attention-masked
 * mean of a {@code [batch, length, hidden]} output (sentence embedding). Thread-safe.
 */
public final class OnnxSession implements AutoCloseable {

  /** What the model's output is. */
  public enum Output {
    /** {@code [batch, n]} logits (sequence classification). */
    LOGITS,
    /** {@code [batch, length, hidden]} token states, mean-pooled over the attention mask. */
    TOKEN_STATES
  }

  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

  private static final Logger log = LoggerFactory.getLogger(OnnxSession.class);

  private final OrtEnvironment env;
  private final OrtSession session;
  private final Output output;
  private final String outputName;
  private final Map<String, OnnxJavaType> inputTypes;
  private final String provider;
  private final long width;

  private OnnxSession(
      OrtEnvironment env,
      OrtSession session,
      Output output,
      String outputName,
      Map<String, OnnxJavaType> inputTypes,
      String provider,
      long width) {
    this.env = env;
    this.session = session;
    this.output = output;
    this.outputName = outputName;
    this.inputTypes = inputTypes;
    this.provider = provider;
    this.width = width;
  }

  /** A model source: a file path or the model's bytes. */
  public sealed interface Source {
    /** Where the model came from, for messages. */
    String name();

    /** A model file. */
    record File(java.nio.file.Path path) implements Source {
      public String name() {
        return path.toString();
      }
    }

    /** Model bytes (e.g. a jar resource). */
    record Bytes(String name, byte[] bytes) implements Source {}
  }

  /**
   * Opens and validates a session.
   *
   * @param outputName the output to read; null for the first output
   * @throws IllegalStateException naming the mismatch when the graph's inputs or output do not fit
   */
  public static OnnxSession open(
      Source source, SessionSettings settings, Output output, String outputName)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    String provider = "cpu";
    OrtSession session = null;
    if (settings.device() == SessionSettings.Device.CUDA) {
      try {
        OrtSession.SessionOptions opts = options(settings);
        opts.addCUDA(settings.cudaDeviceId());
        session = create(env, source, opts);
        provider = "cuda:" + settings.cudaDeviceId();
      } catch (OrtException | RuntimeException | LinkageError e) {
        log.warn(
            "CUDA execution provider unavailable for {} ({}); falling back to CPU",
            source.name(),
            e.getMessage());
      }
    }
    if (session == null) {
      session = create(env, source, options(settings));
    }
    try {
      return validated(env, session, source, output, outputName, provider);
    } catch (RuntimeException | OrtException e) {
      session.close();
      throw e;
    }
  }

  private static OrtSession create(
      OrtEnvironment env, Source source, OrtSession.SessionOptions opts) throws OrtException {
    if (source instanceof Source.File f) {
      return env.createSession(f.path().toString(), opts);
    }
    return env.createSession(((Source.Bytes) source).bytes(), opts);
  }

  private static OrtSession.SessionOptions options(SessionSettings s) throws OrtException {
    OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
    if (s.intraOpThreads() > 0) {
      opts.setIntraOpNumThreads(s.intraOpThreads());
    }
    if (s.interOpThreads() > 0) {
      opts.setInterOpNumThreads(s.interOpThreads());
    }
    opts.setOptimizationLevel(optLevel(s.optimization()));
    opts.setCPUArenaAllocator(s.memoryArena());
    return opts;
  }

  static OptLevel optLevel(String name) {
    return switch (name == null ? "all" : name.toLowerCase(Locale.ROOT)) {
      case "none" -> OptLevel.NO_OPT;
      case "basic" -> OptLevel.BASIC_OPT;
      case "extended" -> OptLevel.EXTENDED_OPT;
      case "all" -> OptLevel.ALL_OPT;
      default ->
          throw new IllegalArgumentException(
              "optimization '" + name + "' is unknown; expected none, basic, extended or all");
    };
  }

  private static OnnxSession validated(
      OrtEnvironment env,
      OrtSession session,
      Source source,
      Output output,
      String outputName,
      String provider)
      throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Map<String, OnnxJavaType> types = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (NodeInfo info : inputs.values()) {
      String name = info.getName();
      if (!KNOWN_INPUTS.contains(name)) {
        problems.add("unexpected input '" + name + "'");
        continue;
      }
      if (!(info.getInfo() instanceof TensorInfo t)
          || t.getShape().length != 2
          || (t.type != OnnxJavaType.INT64 && t.type != OnnxJavaType.INT32)) {
        problems.add("input '" + name + "' must be an int64 or int32 tensor [batch, length]");
        continue;
      }
      types.put(name, t.type);
    }
    for (String required : List.of(INPUT_IDS, ATTENTION_MASK)) {
      if (!inputs.containsKey(required)) {
        problems.add("missing input '" + required + "'");
      }
    }
    String out = outputName == null ? session.getOutputNames().iterator().next() : outputName;
    NodeInfo outInfo = session.getOutputInfo().get(out);
    long width = -1;
    int rank = output == Output.LOGITS ? 2 : 3;
    if (outInfo == null) {
      problems.add("no output '" + out + "'; outputs are " + session.getOutputNames());
    } else if (!(outInfo.getInfo() instanceof TensorInfo t)
        || t.type != OnnxJavaType.FLOAT
        || t.getShape().length != rank) {
      problems.add(
          "output '"
              + out
              + "' must be a float tensor of rank "
              + rank
              + (output == Output.LOGITS ? " [batch, n]" : " [batch, length, hidden]")
              + ", is "
              + outInfo.getInfo());
    } else {
      long[] shape = ((TensorInfo) outInfo.getInfo()).getShape();
      width = shape[shape.length - 1];
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "model "
              + source.name()
              + " does not fit a text model ("
              + String.join("; ", problems)
              + "); inputs are "
              + inputs.keySet()
              + ", expected input_ids and attention_mask (token_type_ids optional)");
    }
    log.info(
        "opened {} on {}: inputs {}, output '{}' {}",
        source.name(),
        provider,
        types.keySet(),
        out,
        outInfo.getInfo());
    return new OnnxSession(env, session, output, out, types, provider, width);
  }

  /** The execution provider in use: {@code cpu} or {@code cuda:<id>}. */
  public String provider() {
    return provider;
  }

  /** The output's last dimension when the graph fixes it; -1 when dynamic. */
  public long outputWidth() {
    return width;
  }

  /** True when the graph takes {@code token_type_ids}. */
  public boolean usesTokenTypes() {
    return inputTypes.containsKey(TOKEN_TYPE_IDS);
  }

  /** Runs one padded batch; one output row per sequence, in order. */
  public List<float[]> run(List<TokenSequence> batch) throws OrtException {
    int b = batch.size();
    int len = 1;
    for (TokenSequence s : batch) {
      len = Math.max(len, s.length());
    }
    long[] ids = new long[b * len];
    long[] mask = new long[b * len];
    long[] types = new long[b * len];
    for (int i = 0; i < b; i++) {
      TokenSequence s = batch.get(i);
      System.arraycopy(s.ids(), 0, ids, i * len, s.length());
      System.arraycopy(s.typeIds(), 0, types, i * len, s.length());
      java.util.Arrays.fill(mask, i * len, i * len + s.length(), 1L);
    }
    long[] shape = {b, len};
    Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
    try {
      tensors.put(INPUT_IDS, tensor(INPUT_IDS, ids, shape));
      tensors.put(ATTENTION_MASK, tensor(ATTENTION_MASK, mask, shape));
      if (usesTokenTypes()) {
        tensors.put(TOKEN_TYPE_IDS, tensor(TOKEN_TYPE_IDS, types, shape));
      }
      try (OrtSession.Result result = session.run(tensors, Set.of(outputName))) {
        OnnxTensor out = (OnnxTensor) result.get(outputName).orElseThrow();
        long[] outShape = out.getInfo().getShape();
        FloatBuffer data = out.getFloatBuffer();
        return output == Output.LOGITS ? rows(data, outShape) : meanPooled(data, outShape, mask);
      }
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  private OnnxTensor tensor(String name, long[] values, long[] shape) throws OrtException {
    if (inputTypes.get(name) == OnnxJavaType.INT32) {
      int[] ints = new int[values.length];
      for (int i = 0; i < values.length; i++) {
        ints[i] = (int) values[i];
      }
      return OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
    }
    return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
  }

  private static List<float[]> rows(FloatBuffer data, long[] shape) {
    int b = (int) shape[0];
    int n = (int) shape[1];
    List<float[]> out = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      float[] row = new float[n];
      data.get(i * n, row);
      out.add(row);
    }
    return out;
  }

  private static List<float[]> meanPooled(FloatBuffer data, long[] shape, long[] mask) {
    int b = (int) shape[0];
    int len = (int) shape[1];
    int h = (int) shape[2];
    List<float[]> out = new ArrayList<>(b);
    float[] tok = new float[h];
    for (int i = 0; i < b; i++) {
      float[] sum = new float[h];
      int count = 0;
      for (int t = 0; t < len; t++) {
        if (mask[i * len + t] == 0) {
          continue;
        }
        data.get((i * len + t) * h, tok);
        for (int d = 0; d < h; d++) {
          sum[d] += tok[d];
        }
        count++;
      }
      for (int d = 0; d < h; d++) {
        sum[d] /= Math.max(1, count);
      }
      out.add(sum);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      log.warn("closing the ONNX session failed", e);
    }
  }
}
