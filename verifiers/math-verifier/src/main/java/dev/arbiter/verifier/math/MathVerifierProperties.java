package dev.arbiter.verifier.math;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Service-wide settings of the {@code math} scorer.
 *
 * @param timeBudget default time one item may take (extraction, parsing, comparison); past it the
 *     item is a {@code timeout} verdict at the reward floor. Items may ask for less or more with
 *     {@code options.time_budget_ms}, up to {@code maxTimeBudget}
 * @param maxTimeBudget the most any item may ask for
 * @param maxResponseChars longer responses are an {@code invalid_request}
 * @param symbolic whether the Symja CAS fallback is loaded at all
 */
@Validated
@ConfigurationProperties("arbiter.math")
public record MathVerifierProperties(
    Duration timeBudget,
    Duration maxTimeBudget,
    @Min(1) Integer maxResponseChars,
    Boolean symbolic) {

  public MathVerifierProperties {
    timeBudget = timeBudget == null ? Duration.ofSeconds(2) : timeBudget;
    maxTimeBudget = maxTimeBudget == null ? Duration.ofSeconds(10) : maxTimeBudget;
    maxResponseChars = maxResponseChars == null ? 4_000_000 : maxResponseChars;
    symbolic = symbolic == null || symbolic;
  }
}
