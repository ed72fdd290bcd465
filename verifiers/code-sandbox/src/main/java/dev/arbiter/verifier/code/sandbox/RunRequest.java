package dev.arbiter.verifier.code.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process to run in a sandbox.
 *
 * @param command argv inside the sandbox; the working directory is {@link #BOX}
 * @param box host directory mounted at {@link #BOX} (sources, compiled artifacts)
 * @param boxWritable true only for the compile step, which writes its artifacts into the box
 * @param stdin bytes fed to the process's standard input
 * @param env environment inside the sandbox (the rest is cleared)
 * @param extraBinds host paths the toolchain needs besides {@code /usr}, mounted read-only at the
 *     same path
 * @param limits resource limits
 */
public record RunRequest(
    List<String> command,
    Path box,
    boolean boxWritable,
    byte[] stdin,
    Map<String, String> env,
    List<Path> extraBinds,
    RunLimits limits) {

  /** Where the box appears inside the sandbox. */
  public static final String BOX = "/box";

  public RunRequest {
    command = List.copyOf(command);
    stdin = stdin == null ? new byte[0] : stdin;
    env = env == null ? Map.of() : Map.copyOf(env);
    extraBinds = extraBinds == null ? List.of() : List.copyOf(extraBinds);
  }
}
