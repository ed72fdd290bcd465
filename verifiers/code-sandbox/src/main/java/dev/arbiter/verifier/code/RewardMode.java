package dev.arbiter.verifier.code;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * How per-test outcomes become the item's reward. Items name a mode in any case, or by an alias.
 */
public enum RewardMode {
  /** Passed tests / all tests (open-r1's {@code code_reward}, the default). */
  @JsonAlias("pass_rate")
  FRACTION,
  /** 1 when every test passed, else 0; all tests still run so details show each outcome. */
  @JsonAlias({"all_or_nothing", "binary"})
  ALL,
  /** Like {@link #ALL}, but stops at the first failing test (faster on wrong programs). */
  @JsonAlias({"first_failure", "stop_on_failure"})
  FAIL_FAST
}
