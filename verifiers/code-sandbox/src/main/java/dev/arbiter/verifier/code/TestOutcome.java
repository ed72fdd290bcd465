package dev.arbiter.verifier.code;

/** The verdict of one test run, as reported in {@code details.tests[].outcome}. */
public enum TestOutcome {
  PASSED("passed"),
  WRONG_ANSWER("wrong_answer"),
  RUNTIME_ERROR("runtime_error"),
  TIMEOUT("timeout"),
  MEMORY_LIMIT("memory_limit"),
  OUTPUT_LIMIT("output_limit"),
  /** Not run: an earlier failure under {@code fail_fast}, or the item's time budget ran out. */
  NOT_RUN("not_run");

  private final String wire;

  TestOutcome(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
