package dev.arbiter.verifier.math.parse;

/** A LaTeX command the grammar does not know; the answer is then treated as unparseable. */
final class UnknownCommand extends RuntimeException {
  UnknownCommand(String command) {
    super(command, null, false, false);
  }
}
