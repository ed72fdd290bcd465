package dev.arbiter.verifier.code;

import java.time.Duration;

/**
 * The scorer's defaults and ceilings (options may lower limits, and raise them up to the maxima).
 *
 * @param runTimeout wall-clock limit of one test run
 * @param maxRunTimeout the most an item's {@code run_timeout_s} may ask
 * @param memoryBytes memory limit of one run
 * @param maxMemoryBytes the most an item's {@code memory_mb} may ask
 * @param compileTimeout wall-clock limit of the compile step
 * @param compileMemoryBytes memory limit of the compile step
 * @param outputBytes stdout/stderr cap per run
 * @param tmpfsBytes size of each run's {@code /tmp}
 * @param processes processes/threads per run
 * @param openFiles open files per run
 * @param itemBudget wall-clock budget for all runs of one item; tests left when it is spent count
 *     as failed and the item ends {@code timeout}
 * @param compileErrorReward reward of a program that does not compile
 * @param noCodeReward reward of a response without a program
 * @param comparison default stdout comparison
 * @param floatTolerance default tolerance of float comparison
 */
public record CodeDefaults(
    Duration runTimeout,
    Duration maxRunTimeout,
    long memoryBytes,
    long maxMemoryBytes,
    Duration compileTimeout,
    long compileMemoryBytes,
    long outputBytes,
    long tmpfsBytes,
    int processes,
    int openFiles,
    Duration itemBudget,
    double compileErrorReward,
    double noCodeReward,
    String comparison,
    double floatTolerance) {

  /** Defaults for tests and embedding. */
  public static CodeDefaults standard() {
    return new CodeDefaults(
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        256L << 20,
        2L << 30,
        Duration.ofSeconds(30),
        1L << 30,
        1L << 20,
        32L << 20,
        64,
        256,
        Duration.ofSeconds(120),
        0.0,
        0.0,
        "whitespace",
        1e-6);
  }
}
