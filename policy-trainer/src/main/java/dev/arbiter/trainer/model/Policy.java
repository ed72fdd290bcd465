package dev.arbiter.trainer.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Random;

/**
 * A {@link CausalLanguageModel} with its parameters, the tokenizer and generation. Owns an {@link
 * NDManager}; close it to free native memory.
 */
public final class Policy implements AutoCloseable {

  private final NDManager manager;
  private final CausalLanguageModel model;
  private final CharTokenizer tokenizer = new CharTokenizer();
  private final ParameterStore store;

  private Policy(NDManager manager, CausalLanguageModel model) {
    this.manager = manager;
    this.model = model;
    this.store = new ParameterStore(manager, false);
  }

  /** A freshly initialized policy on {@code device}; {@code seed} fixes the initial weights. */
  public static Policy create(PolicyConfig config, Device device, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    NDManager manager = NDManager.newBaseManager(device);
    CausalLanguageModel model = new CausalLanguageModel(config);
    model.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    Shape ids = new Shape(1, 4);
    model.initialize(manager, DataType.FLOAT32, ids, ids, new Shape(1, 1, 4, 4));
    return new Policy(manager, model);
  }

  /** Reads a policy written by {@link #save}. */
  public static Policy load(PolicyConfig config, Device device, InputStream in) throws IOException {
    Policy policy = create(config, device, 0);
    try {
      policy.model.loadParameters(policy.manager, new DataInputStream(in));
    } catch (MalformedModelException e) {
      policy.close();
      throw new IOException("checkpoint does not match " + config + ": " + e.getMessage(), e);
    }
    // loaded arrays replace the initialized ones without their gradient: a resumed run could not
    // take a GRPO step ("element 0 of tensors does not require grad")
    for (Parameter p : policy.parameters()) {
      if (p.requiresGradient()) {
        p.getArray().setRequiresGradient(true);
      }
    }
    return policy;
  }

  public void save(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    model.saveParameters(data);
    data.flush();
  }

  /** A frozen copy with the same weights (the KL reference policy). */
  public Policy copy() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      save(bytes);
      return load(config(), manager.getDevice(), new ByteArrayInputStream(bytes.toByteArray()));
    } catch (IOException e) {
      throw new IllegalStateException("could not copy the policy", e);
    }
  }

  public PolicyConfig config() {
    return model.config();
  }

  public CharTokenizer tokenizer() {
    return tokenizer;
  }

  public NDManager manager() {
    return manager;
  }

  public List<Parameter> parameters() {
    return model.getParameters().stream().map(Pair::getValue).toList();
  }

  public long parameterCount() {
    return parameters().stream().mapToLong(p -> p.getArray().size()).sum();
  }

  /**
   * Logits {@code (B, T, V)} for {@code batch}; arrays are created in {@code scope}. With {@code
   * training} false the forward runs without autograd (PyTorch's grad mode is on by default, and a
   * recorded graph would both slow sampling and tie old log-probs into the next backward).
   */
  public NDArray logits(SequenceBatch batch, NDManager scope, boolean training) {
    NDList inputs = batch.inputs(scope);
    if (training) {
      return model.forward(store, inputs, true).singletonOrThrow();
    }
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return model.forward(store, inputs, false).singletonOrThrow();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /**
   * Samples a response for every prompt. Rows stop at EOS or after {@code maxNewTokens}.
   *
   * @return per prompt, the generated token ids (EOS included when emitted)
   */
  public int[][] generate(
      List<int[]> prompts, int maxNewTokens, TokenSampler sampler, Random random) {
    int rows = prompts.size();
    int room = config().contextLength() - prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    int steps = Math.min(maxNewTokens, room);
    SequenceBatch batch = SequenceBatch.leftPadded(prompts.toArray(int[][]::new));
    int[][] generated = new int[rows][steps];
    int[] lengths = new int[rows];
    boolean[] done = new boolean[rows];
    int vocab = config().vocabSize();
    for (int step = 0; step < steps; step++) {
      float[] last;
      try (NDManager scope = manager.newSubManager()) {
        NDArray logits = logits(batch, scope, false);
        last = logits.get(":, -1, :").toFloatArray();
      }
      int[] column = new int[rows];
      boolean all = true;
      for (int r = 0; r < rows; r++) {
        if (done[r]) {
          column[r] = CharTokenizer.PAD;
          continue;
        }
        int token = sampler.sample(last, r * vocab, vocab, random);
        column[r] = token;
        generated[r][lengths[r]++] = token;
        done[r] = token == CharTokenizer.EOS;
        all &= done[r];
      }
      batch = batch.append(column);
      if (all) {
        break;
      }
    }
    int[][] out = new int[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = java.util.Arrays.copyOf(generated[r], lengths[r]);
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
