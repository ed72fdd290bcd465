package dev.arbiter.verifier.code;

import dev.arbiter.verifier.code.extract.CodeExtractor;
import dev.arbiter.verifier.code.spec.Comparison;
import dev.arbiter.verifier.code.spec.Fields;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An item's {@code options}, checked against the service's defaults and ceilings. Unknown keys and
 * bad values throw {@link IllegalArgumentException} naming what was expected.
 */
record CodeOptions(
    String language,
    RewardMode reward,
    Duration runTimeout,
    long memoryBytes,
    Comparison comparison,
    Double floatTolerance,
    CodeExtractor.Pick pick,
    double compileErrorReward,
    double noCodeReward) {

  static final Set<String> KEYS =
      Set.of(
          "language",
          "reward",
          "run_timeout_s",
          "memory_mb",
          "compare",
          "float_tolerance",
          "extract",
          "compile_error_reward",
          "no_code_reward");

  static CodeOptions parse(Map<String, Object> options, CodeDefaults d) {
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "option '" + key + "' is unknown; known options: " + new java.util.TreeSet<>(KEYS));
      }
    }
    String language = string(options, "language");
    RewardMode reward =
        options.get("reward") == null
            ? RewardMode.FRACTION
            : RewardMode.parse(string(options, "reward"));
    Duration timeout = d.runTimeout();
    Double seconds = number(options, "run_timeout_s");
    if (seconds != null) {
      if (seconds <= 0 || seconds * 1000 > d.maxRunTimeout().toMillis()) {
        throw new IllegalArgumentException(
            "run_timeout_s should be in (0, "
                + d.maxRunTimeout().toSeconds()
                + "], got "
                + seconds);
      }
      timeout = Duration.ofMillis(Math.round(seconds * 1000));
    }
    long memory = d.memoryBytes();
    Double mb = number(options, "memory_mb");
    if (mb != null) {
      if (mb < 16 || mb * (1 << 20) > d.maxMemoryBytes()) {
        throw new IllegalArgumentException(
            "memory_mb should be in [16, " + (d.maxMemoryBytes() >> 20) + "], got " + mb);
      }
      memory = Math.round(mb * (1 << 20));
    }
    Comparison comparison =
        options.get("compare") == null ? null : Comparison.parse(string(options, "compare"));
    Double tolerance = number(options, "float_tolerance");
    CodeExtractor.Pick pick = CodeExtractor.Pick.LAST;
    if (options.get("extract") != null) {
      String e = string(options, "extract").toLowerCase(Locale.ROOT);
      pick =
          switch (e) {
            case "last" -> CodeExtractor.Pick.LAST;
            case "first" -> CodeExtractor.Pick.FIRST;
            case "raw" -> CodeExtractor.Pick.RAW;
            default ->
                throw new IllegalArgumentException(
                    "extract '" + e + "' is unknown; expected last, first or raw");
          };
    }
    Double compileError = number(options, "compile_error_reward");
    Double noCode = number(options, "no_code_reward");
    return new CodeOptions(
        language,
        reward,
        timeout,
        memory,
        comparison,
        tolerance,
        pick,
        compileError == null ? d.compileErrorReward() : compileError,
        noCode == null ? d.noCodeReward() : noCode);
  }

  private static String string(Map<String, Object> m, String key) {
    return Fields.string(m, key, "option");
  }

  private static Double number(Map<String, Object> m, String key) {
    return Fields.number(m, key, "option");
  }
}
