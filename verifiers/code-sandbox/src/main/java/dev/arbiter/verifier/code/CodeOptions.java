package dev.arbiter.verifier.code;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.verifier.code.extract.CodeExtractor;
import dev.arbiter.verifier.code.spec.Comparison;
import java.time.Duration;
import java.util.Map;

/**
 * An item's {@code options} resolved against the service's defaults and ceilings. {@link
 * ItemFields} binds them ({@link Fields}: unknown keys and values of the wrong type are {@code
 * invalid_request}); the limits, whose ceilings are the service's configuration, are checked here.
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

  /** The options as an item spells them; null: the service's default. */
  @JsonClassDescription("code options")
  record Fields(
      @JsonPropertyDescription("language id or alias; overrides the reference's") String language,
      @JsonPropertyDescription(
              "fraction: passed / total; all: 1 only if every test passes (all still run);"
                  + " fail_fast: all-or-nothing, stops at the first failure")
          RewardMode reward,
      @JsonPropertyDescription(
              "wall-clock limit of one test run, in seconds (up to arbiter.code.max-run-timeout)")
          Double runTimeoutS,
      @JsonPropertyDescription("memory limit of one run, in MiB (16 up to arbiter.code.max-memory)")
          Double memoryMb,
      @JsonPropertyDescription(Comparison.DOC + "; wins over the reference's") Comparison compare,
      @JsonPropertyDescription("tolerance of float comparison, absolute or relative")
          Double floatTolerance,
      @JsonPropertyDescription(
              "which fenced block is the program: the last, the first, or raw (the whole response)")
          CodeExtractor.Pick extract,
      @JsonPropertyDescription("reward of a program that does not compile")
          Double compileErrorReward,
      @JsonPropertyDescription("reward of a response without a program") Double noCodeReward) {
    Fields {
      reward = reward == null ? RewardMode.FRACTION : reward;
      extract = extract == null ? CodeExtractor.Pick.LAST : extract;
    }
  }

  private static final double MIN_MEMORY_MB = 16;

  static CodeOptions parse(Map<String, Object> options, CodeDefaults d) {
    Fields f = ItemFields.options(options, Fields.class);
    Duration timeout = d.runTimeout();
    if (f.runTimeoutS() != null) {
      double seconds = f.runTimeoutS();
      if (seconds <= 0 || seconds * 1000 > d.maxRunTimeout().toMillis()) {
        throw InvalidItemException.option(
            "options.run_timeout_s must be a number in (0, "
                + d.maxRunTimeout().toSeconds()
                + "], got "
                + seconds);
      }
      timeout = Duration.ofMillis(Math.round(seconds * 1000));
    }
    long memory = d.memoryBytes();
    if (f.memoryMb() != null) {
      double mb = f.memoryMb();
      if (mb < MIN_MEMORY_MB || mb * (1 << 20) > d.maxMemoryBytes()) {
        throw InvalidItemException.option(
            "options.memory_mb must be a number in [16, "
                + (d.maxMemoryBytes() >> 20)
                + "], got "
                + mb);
      }
      memory = Math.round(mb * (1 << 20));
    }
    return new CodeOptions(
        f.language(),
        f.reward(),
        timeout,
        memory,
        f.compare(),
        f.floatTolerance(),
        f.extract(),
        f.compileErrorReward() == null ? d.compileErrorReward() : f.compileErrorReward(),
        f.noCodeReward() == null ? d.noCodeReward() : f.noCodeReward());
  }

  /**
   * The published schema of {@link Fields}, with this service's bounds on the limits (they are
   * configuration, so no annotation on the record can state them).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> schema(CodeDefaults d) {
    Map<String, Object> schema = RecordSchemas.options(Fields.class);
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    Map<String, Object> timeout = (Map<String, Object>) properties.get("run_timeout_s");
    timeout.put("exclusiveMinimum", 0);
    long maxMillis = d.maxRunTimeout().toMillis();
    Number maxSeconds = maxMillis % 1000 == 0 ? (Number) (maxMillis / 1000) : maxMillis / 1000.0;
    timeout.put("maximum", maxSeconds);
    Map<String, Object> memory = (Map<String, Object>) properties.get("memory_mb");
    memory.put("minimum", (long) MIN_MEMORY_MB);
    memory.put("maximum", d.maxMemoryBytes() >> 20);
    return schema;
  }
}
