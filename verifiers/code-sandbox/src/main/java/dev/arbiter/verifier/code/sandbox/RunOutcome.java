package dev.arbiter.verifier.code.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * What a sandboxed process did.
 *
 * @param termination how it ended
 * @param exitCode the exit status as a shell reports it (128 + signal for a signal)
 * @param stdout captured standard output, at most the output cap
 * @param stderr captured standard error, at most the output cap
 * @param wallMs wall-clock time of the run in milliseconds
 */
public record RunOutcome(
    Termination termination, int exitCode, byte[] stdout, byte[] stderr, double wallMs) {

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  /** Exited by itself with status 0. */
  public boolean succeeded() {
    return termination == Termination.EXITED && exitCode == 0;
  }

  /** This outcome with another termination (used when the runtime reports a memory failure). */
  public RunOutcome as(Termination other) {
    return new RunOutcome(other, exitCode, stdout, stderr, wallMs);
  }
}
