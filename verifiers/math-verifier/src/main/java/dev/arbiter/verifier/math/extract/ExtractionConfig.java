package dev.arbiter.verifier.math.extract;

import java.util.List;

/**
 * What to look for in a text and in which order, after Math-Verify's extraction configs.
 *
 * @param targets what to extract: {@code latex} environments and boxes, plain {@code expr}essions
 *     and numbers, multiple-choice {@code string}s, or the {@code whole} text as one answer
 * @param boxedPriority priority of {@code \boxed{}} answers (0 first; 50 after "final answer is";
 *     -1 ignores boxes)
 * @param anchorless whether matches without an anchor ("answer", "final answer is") count
 * @param firstMatchOnly try only the best-ranked candidate instead of every one until one parses
 * @param strings the choices for the {@code string} target
 * @param lowercase compare choices case-insensitively
 * @param malformedOperators repair {@code \frac12}, {@code \sqrt3}
 * @param units drop unit words and {@code \text{units}}
 */
public record ExtractionConfig(
    List<Target> targets,
    int boxedPriority,
    boolean anchorless,
    boolean firstMatchOnly,
    List<String> strings,
    boolean lowercase,
    boolean malformedOperators,
    boolean units) {

  /** Kinds of extraction. */
  public enum Target {
    LATEX,
    EXPR,
    STRING,
    WHOLE
  }

  public static final List<String> DEFAULT_CHOICES = List.of("A", "B", "C", "D");

  /** Math-Verify's defaults: LaTeX and expressions, boxes at priority 50. */
  public static ExtractionConfig defaults() {
    return new ExtractionConfig(
        List.of(Target.LATEX, Target.EXPR), 50, true, false, DEFAULT_CHOICES, true, true, true);
  }

  public ExtractionConfig withTargets(List<Target> newTargets) {
    return new ExtractionConfig(
        newTargets,
        boxedPriority,
        anchorless,
        firstMatchOnly,
        strings,
        lowercase,
        malformedOperators,
        units);
  }
}
