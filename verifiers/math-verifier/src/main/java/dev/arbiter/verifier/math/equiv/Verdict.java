package dev.arbiter.verifier.math.equiv;

/** Whether two answers are equivalent, and why. */
public record Verdict(boolean equal, String reason) {

  static Verdict yes(String reason) {
    return new Verdict(true, reason);
  }

  static Verdict no(String reason) {
    return new Verdict(false, reason);
  }
}
