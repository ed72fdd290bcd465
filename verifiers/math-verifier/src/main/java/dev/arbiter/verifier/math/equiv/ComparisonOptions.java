package dev.arbiter.verifier.math.equiv;

/**
 * How two parsed answers are compared (Math-Verify's {@code verify} arguments).
 *
 * @param floatRounding decimal places both sides are rounded to when either contains a decimal
 *     literal (1/3 equals 0.333333 at 6)
 * @param strict variables must match by name; when false, they are matched by position
 * @param allowSetRelationComparison also compare a gold set with a predicted inequality (a gold
 *     inequality is always compared with a predicted interval)
 * @param symbolicFallback whether the Symja CAS may be asked when the numeric identity test cannot
 *     decide
 * @param percent what {@code x\%} equals when the other side has no percent sign
 */
public record ComparisonOptions(
    int floatRounding,
    boolean strict,
    boolean allowSetRelationComparison,
    boolean symbolicFallback,
    PercentPolicy percent) {

  /** What {@code 50\%} equals when the other side is a plain value. */
  public enum PercentPolicy {
    /** 0.5 or 50: graders disagree, so the reward does not hinge on it (the default). */
    EITHER,
    /** only 0.5: the percent sign is a factor 1/100. */
    FRACTION,
    /** only 50: the percent sign is a unit, like {@code cm}. */
    NUMBER
  }

  public static ComparisonOptions defaults() {
    return new ComparisonOptions(6, true, false, true, PercentPolicy.EITHER);
  }
}
