package dev.arbiter.model.meta.detect;

import dev.arbiter.model.meta.refine.ScoredSample;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.util.List;

/** Share of items at the rubric's maximum: a rubric the policy always maxes no longer ranks. */
public final class SaturationDetector implements HackDetector {

  @Override
  public String name() {
    return "score_saturation";
  }

  @Override
  public double measure(List<ScoredSample> window, RubricVersion rubric) {
    if (window.isEmpty()) {
      return 0;
    }
    long atMax = window.stream().filter(s -> s.total() >= s.maxTotal()).count();
    return (double) atMax / window.size();
  }
}
