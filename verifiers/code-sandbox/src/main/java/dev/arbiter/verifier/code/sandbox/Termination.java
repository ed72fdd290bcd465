package dev.arbiter.verifier.code.sandbox;

/** How a sandboxed process ended. */
public enum Termination {
  /** It exited by itself (any exit code). */
  EXITED,
  /** A signal ended it (not one of the limits below). */
  SIGNALED,
  /** It ran past the wall-clock limit and its tree was killed. */
  WALL_TIMEOUT,
  /** It used up its CPU time (SIGXCPU / SIGKILL from RLIMIT_CPU). */
  CPU_TIMEOUT,
  /** It hit the memory limit (cgroup OOM kill or an allocation failure the runtime reported). */
  MEMORY,
  /** It wrote more than the output cap (SIGXFSZ, or the capture file reached the cap). */
  OUTPUT_LIMIT
}
