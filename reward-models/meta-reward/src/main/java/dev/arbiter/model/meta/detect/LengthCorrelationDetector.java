package dev.arbiter.model.meta.detect;

import dev.arbiter.model.meta.refine.ScoredSample;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.util.List;

/**
 * Pearson correlation between full response length (characters) and normalized score: a policy that
 * learned that longer answers score higher drives it up. 0 when either side does not vary.
 */
public final class LengthCorrelationDetector implements HackDetector {

  @Override
  public String name() {
    return "length_correlation";
  }

  @Override
  public double measure(List<ScoredSample> window, RubricVersion rubric) {
    int n = window.size();
    if (n < 3) {
      return 0;
    }
    double mx = 0;
    double my = 0;
    for (ScoredSample s : window) {
      mx += s.responseLength();
      my += s.normalized();
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (ScoredSample s : window) {
      double dx = s.responseLength() - mx;
      double dy = s.normalized() - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }
}
