package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Double evaluation of both sides at seeded test points, for the numeric identity tests. */
final class NumericProbe {

  static final int POINTS = 6;
  private static final int NEGATIVE_POINTS = 2;

  private NumericProbe() {}

  /** Both values at one point, or null when either has no numeric value. */
  static Complex[] evalBoth(Expr a, Expr b, Map<String, Complex> point) {
    try {
      return new Complex[] {NumericEvaluator.eval(a, point), NumericEvaluator.eval(b, point)};
    } catch (NumericEvaluator.Unsupported | ArithmeticException e) {
      return null;
    }
  }

  /** The value of a constant expression, or null when it has none. */
  static Complex value(Expr e) {
    try {
      return NumericEvaluator.eval(e, Map.of());
    } catch (NumericEvaluator.Unsupported | ArithmeticException ex) {
      return null;
    }
  }

  /**
   * The k-th test point: deterministic, irregular values in [0.3, 2.3), negated in the last points
   * so that {@code \sqrt{x^2}} is not mistaken for {@code x}.
   */
  static Map<String, Complex> point(Set<String> vars, int k) {
    Map<String, Complex> values = new HashMap<>();
    int i = 0;
    for (String v : vars) {
      double x = 0.3 + ((0.6180339887 * (k * 7 + i * 13 + 1) + 0.1234 * k) % 1.0) * 2.0;
      values.put(v, Complex.real(k >= POINTS - NEGATIVE_POINTS ? -x : x));
      i++;
    }
    return values;
  }

  /** The constant ratio a/b when a and b are proportional at every test point, else null. */
  static Double constantRatio(Expr a, Expr b) {
    Set<String> vars = ExprTrees.freeSymbols(a);
    ExprTrees.freeSymbols(b, vars);
    if (vars.isEmpty()) {
      return null;
    }
    Double ratio = null;
    int used = 0;
    for (int k = 0; k < POINTS; k++) {
      Complex[] values = evalBoth(a, b, point(vars, k));
      if (values == null) {
        return null;
      }
      Complex va = values[0];
      Complex vb = values[1];
      if (!va.isFinite() || !vb.isFinite() || vb.abs() < 1e-12) {
        continue;
      }
      Complex r = va.div(vb);
      if (!r.isReal()) {
        return null;
      }
      if (ratio == null) {
        ratio = r.re();
      } else if (Math.abs(r.re() - ratio) > 1e-8 * Math.max(1, Math.abs(ratio))) {
        return null;
      }
      used++;
    }
    return used >= 2 ? ratio : null;
  }
}
