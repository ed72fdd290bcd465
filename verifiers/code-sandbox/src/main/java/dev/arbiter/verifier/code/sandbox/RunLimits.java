package dev.arbiter.verifier.code.sandbox;

import java.time.Duration;

/**
 * What one sandboxed process (and its children) may use.
 *
 * @param wall wall-clock limit; the whole process tree is killed when it passes
 * @param cpuSeconds CPU time limit (RLIMIT_CPU, soft; the hard limit is one second more)
 * @param memoryBytes memory limit: RLIMIT_AS when {@code limitAddressSpace}, and the cgroup's
 *     memory limit where a cgroup is available
 * @param limitAddressSpace false for runtimes that reserve far more address space than they use
 *     (JVM, V8, Go); they are held by the cgroup and their own heap flags instead
 * @param outputBytes cap on stdout and on stderr each (RLIMIT_FSIZE on the capture files)
 * @param tmpfsBytes size of the fresh {@code /tmp} tmpfs
 * @param processes most processes and threads inside the sandbox (RLIMIT_NPROC, cgroup pids)
 * @param openFiles RLIMIT_NOFILE
 */
public record RunLimits(
    Duration wall,
    int cpuSeconds,
    long memoryBytes,
    boolean limitAddressSpace,
    long outputBytes,
    long tmpfsBytes,
    int processes,
    int openFiles) {

  public RunLimits {
    if (wall.isNegative() || wall.isZero()) {
      throw new IllegalArgumentException("wall limit must be positive");
    }
    cpuSeconds = Math.max(1, cpuSeconds);
  }

  /** The same limits with another address-space policy. */
  public RunLimits withAddressSpaceLimit(boolean limit) {
    return new RunLimits(
        wall, cpuSeconds, memoryBytes, limit, outputBytes, tmpfsBytes, processes, openFiles);
  }

  /** The same limits with at least {@code min} processes (runtimes that start many threads). */
  public RunLimits withMinProcesses(int min) {
    return new RunLimits(
        wall,
        cpuSeconds,
        memoryBytes,
        limitAddressSpace,
        outputBytes,
        tmpfsBytes,
        Math.max(processes, min),
        openFiles);
  }
}
