package dev.arbiter.verifier.math;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Service-wide settings of the {@code math} scorer.
 *
 * @param timeBudget default CPU time one item may take (extraction, parsing, comparison) on its
 *     worker thread; past it the item is a {@code timeout} verdict at the reward floor. It counts
 *     the worker's CPU time, not wall time, so a busy machine does not turn a correct answer into a
 *     timeout (wall time only where the JVM cannot measure thread CPU time). Items may ask for less
 *     or more with {@code options.time_budget_ms}, up to {@code maxTimeBudget}
 * @param maxTimeBudget the most any item may ask for
 * @param maxResponseChars longer responses are an {@code invalid_request}
 * @param symbolic whether the Symja CAS fallback is loaded at all
 * @param wallCeilingFactor the wall-clock ceiling of an item is its budget times this (default 3):
 *     a worker that has not used its CPU budget by then was starved by the machine (it got less
 *     than 1/factor of a core on average), so its item is cancelled and masked {@code overloaded}
 *     (reward null) instead of waited for; the serving layer's time limit is the ceiling of {@code
 *     maxTimeBudget} plus a second
 */
@Validated
@ConfigurationProperties("arbiter.math")
public record MathVerifierProperties(
    Duration timeBudget,
    Duration maxTimeBudget,
    @Min(1) Integer maxResponseChars,
    Boolean symbolic,
    @Min(1) Integer wallCeilingFactor) {

  public MathVerifierProperties {
    timeBudget = timeBudget == null ? Duration.ofSeconds(2) : timeBudget;
    maxTimeBudget = maxTimeBudget == null ? Duration.ofSeconds(10) : maxTimeBudget;
    maxResponseChars = maxResponseChars == null ? 4_000_000 : maxResponseChars;
    symbolic = symbolic == null || symbolic;
    wallCeilingFactor = wallCeilingFactor == null ? 3 : wallCeilingFactor;
  }
}
