package dev.arbiter.verifier.code.sandbox;

/**
 * Runs one untrusted process in isolation. Thread-safe; blocks until the process tree is gone.
 * Throws {@link SandboxException} only when the sandbox itself failed (not for anything the program
 * did), or when the calling thread was interrupted: a cancelled run's whole process tree is killed
 * before {@code run} returns its slot and throws, with the thread's interrupt status set.
 */
public interface Sandbox {

  RunOutcome run(RunRequest request);

  /**
   * A fresh, empty host directory for one item's sources and artifacts, readable by every run slot.
   * The caller deletes it with {@link Boxes#delete} when the item is done.
   */
  java.nio.file.Path newBox() throws java.io.IOException;

  /** Null when the sandbox can run programs here, else why not (shown by health). */
  String unavailableReason();

  /** A label for health and {@code /v1/languages}, e.g. {@code bubblewrap 0.8.0}. */
  String describe();
}
