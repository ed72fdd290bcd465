package dev.arbiter.model.meta.detect;

import dev.arbiter.model.meta.refine.ScoredSample;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mean share of repeated word trigrams per response ({@code 1 - distinct/total}): padding by
 * repeating phrases raises it.
 */
public final class RepetitionDetector implements HackDetector {

  @Override
  public String name() {
    return "ngram_repetition";
  }

  @Override
  public double measure(List<ScoredSample> window, RubricVersion rubric) {
    if (window.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (ScoredSample s : window) {
      List<String> grams = Texts.ngrams(Texts.words(s.response()), 3);
      if (!grams.isEmpty()) {
        Set<String> distinct = new HashSet<>(grams);
        sum += 1.0 - (double) distinct.size() / grams.size();
      }
    }
    return sum / window.size();
  }
}
