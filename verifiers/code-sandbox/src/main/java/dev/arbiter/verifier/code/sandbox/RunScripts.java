package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What both backends share: the in-sandbox rlimit preamble, capped capture and classification. */
final class RunScripts {

  private RunScripts() {}

  /**
   * The {@code sh -c} script that sets the rlimits (dash's ulimit: -f in 512-byte blocks, -v in
   * KiB, -p processes) and then runs {@code "$@"} as a child, exiting with its status.
   *
   * @param redirect appended to {@code "$@"} (e.g. file redirections), or empty
   */
  static String rlimits(RunLimits l, String redirect) {
    StringBuilder s = new StringBuilder();
    s.append("ulimit -S -t ").append(l.cpuSeconds()).append(" && ");
    s.append("ulimit -H -t ").append(l.cpuSeconds() + 1).append(" && ");
    s.append("ulimit -f ").append(Math.max(1, l.outputBytes() / 512)).append(" && ");
    s.append("ulimit -n ").append(l.openFiles()).append(" && ");
    s.append("ulimit -p ").append(l.processes()).append(" && ");
    s.append("ulimit -c 0 && ");
    if (l.limitAddressSpace()) {
      s.append("ulimit -v ").append(l.memoryBytes() / 1024).append(" && ");
    }
    // The sh stays as the parent (not exec): under bubblewrap it is the namespace's pid 1, whose
    // exit takes every leftover process with it; the program runs as a normal child, so signals
    // and rlimits reach it normally.
    s.append("\"$@\"").append(redirect).append("; exit $?");
    return s.toString();
  }

  /** Takes a free run slot, waiting at most {@code wait}. */
  static <T> T take(java.util.concurrent.BlockingQueue<T> free, java.time.Duration wait) {
    T slot;
    try {
      slot = free.poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while waiting for a run slot");
    }
    if (slot == null) {
      throw new SandboxException("no sandbox slot free within " + wait);
    }
    return slot;
  }

  static byte[] readCapped(Path file, long cap) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap));
    }
  }

  /** How a run ended, from its exit status (128 + signal for a signal) and what it wrote. */
  static Termination classify(
      RunLimits limits,
      int exit,
      boolean wallKilled,
      boolean oomKilled,
      double wallMs,
      int out,
      int err) {
    if (wallKilled) {
      return Termination.WALL_TIMEOUT;
    }
    if (oomKilled && exit != 0) {
      return Termination.MEMORY;
    }
    if (exit == 128 + 25 || out >= limits.outputBytes() || err >= limits.outputBytes()) {
      return Termination.OUTPUT_LIMIT;
    }
    if (exit == 128 + 24 || (exit == 128 + 9 && wallMs >= limits.cpuSeconds() * 1000.0)) {
      return Termination.CPU_TIMEOUT;
    }
    if (exit > 128 && exit < 128 + 65) {
      return Termination.SIGNALED;
    }
    return Termination.EXITED;
  }
}
