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
 */
public record ComparisonOptions(
    int floatRounding,
    boolean strict,
    boolean allowSetRelationComparison,
    boolean symbolicFallback) {

  public static ComparisonOptions defaults() {
    return new ComparisonOptions(6, true, false, true);
  }
}
