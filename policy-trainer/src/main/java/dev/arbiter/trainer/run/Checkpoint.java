package dev.arbiter.trainer.run;

import ai.djl.Device;
import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.trainer.model.Policy;
import dev.arbiter.trainer.model.PolicyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A policy checkpoint directory: {@code checkpoint.json} (model size, step) and {@code
 * policy.params} (DJL parameter format). Optimizer moments are not saved: a resumed run restarts
 * Adam's statistics, which the short warm-up of its moments makes harmless at these sizes.
 *
 * @param config the model size
 * @param step the GRPO step the weights are from (0 = after the warm-up)
 */
public record Checkpoint(PolicyConfig config, int step) {

  static final String META = "checkpoint.json";
  static final String PARAMS = "policy.params";

  public static void save(Path dir, Policy policy, int step) throws IOException {
    Files.createDirectories(dir);
    try (OutputStream out = Files.newOutputStream(dir.resolve(PARAMS))) {
      policy.save(out);
    }
    ArbiterJson.mapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve(META).toFile(), new Checkpoint(policy.config(), step));
  }

  public static Checkpoint read(Path dir) throws IOException {
    Path meta = dir.resolve(META);
    if (!Files.exists(meta)) {
      throw new IOException(dir + " is not a checkpoint: no " + META);
    }
    return ArbiterJson.mapper().readValue(meta.toFile(), Checkpoint.class);
  }

  public static Policy load(Path dir, Device device) throws IOException {
    Checkpoint meta = read(dir);
    try (InputStream in = Files.newInputStream(dir.resolve(PARAMS))) {
      return Policy.load(meta.config(), device, in);
    }
  }
}
