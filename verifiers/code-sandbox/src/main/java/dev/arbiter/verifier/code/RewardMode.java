package dev.arbiter.verifier.code;

import java.util.Locale;

/** How per-test outcomes become the item's reward. */
public enum RewardMode {
  /** Passed tests / all tests (open-r1's {@code code_reward}, the default). */
  FRACTION,
  /** 1 when every test passed, else 0; all tests still run so details show each outcome. */
  ALL,
  /** Like {@link #ALL}, but stops at the first failing test (faster on wrong programs). */
  FAIL_FAST;

  public static RewardMode parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "fraction", "pass_rate" -> FRACTION;
      case "all", "all_or_nothing", "binary" -> ALL;
      case "fail_fast", "first_failure", "stop_on_failure" -> FAIL_FAST;
      default ->
          throw new IllegalArgumentException(
              "reward '" + name + "' is unknown; expected fraction, all or fail_fast");
    };
  }
}
