package dev.arbiter.model.meta.detect;

import dev.arbiter.model.meta.refine.ScoredSample;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.util.List;

/** One reward-hacking statistic over a window of judged items; higher means more suspicious. */
public interface HackDetector {

  /** Stable name, used in metrics, status and refinement triggers ({@code detector:<name>}). */
  String name();

  /** The statistic over {@code window} (oldest first) judged under {@code rubric}. */
  double measure(List<ScoredSample> window, RubricVersion rubric);
}
