package dev.arbiter.trainer.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bitwise-reproducible runs need Intel MKL's Conditional Numerical Reproducibility: without it
 * MKL's matrix products (inside libtorch) may round differently depending on where their operands
 * sit in memory, which differs from process to process, and training amplifies a last-bit
 * difference into a different result (measured: two seed-42 runs differing only in a GRPO flag
 * first differed by 2 ulp in the warm-up loss at step 30 and ended the warm-up at 30.6% vs 72.4%
 * held-out; with {@code MKL_CBWR=COMPATIBLE} three such runs stayed identical). MKL reads {@code
 * MKL_CBWR} from the environment once, so the demo re-runs itself in a child JVM with it set when
 * the caller did not set it ({@code -Darbiter.trainer.relaunch=false} turns that off).
 */
public final class Relaunch {

  /** The CNR mode used when the environment sets none (measured reproducible, see README). */
  public static final String DEFAULT_CBWR = "COMPATIBLE";

  static final String MARKER = "ARBITER_TRAINER_RELAUNCHED";

  private Relaunch() {}

  /**
   * Runs {@code mainClass args} in a child JVM with {@code MKL_CBWR} set, when it is not set here
   * (and {@code -Darbiter.trainer.relaunch=false} is absent).
   *
   * @return the child's exit code, or empty when this JVM should run the command itself
   */
  public static Optional<Integer> withReproducibleMath(String mainClass, String[] args)
      throws Exception {
    Map<String, String> env = System.getenv();
    if (env.containsKey("MKL_CBWR")
        || env.containsKey(MARKER)
        || "false".equals(System.getProperty("arbiter.trainer.relaunch"))) {
      return Optional.empty();
    }
    Optional<String> java = ProcessHandle.current().info().command();
    if (java.isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(java.get());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("MKL_CBWR", DEFAULT_CBWR);
    builder.environment().put(MARKER, "1");
    Process child = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
    return Optional.of(child.waitFor());
  }
}
