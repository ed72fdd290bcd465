package dev.arbiter.model.meta.detect;

import dev.arbiter.model.meta.refine.ScoredSample;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.util.List;
import java.util.Set;

/**
 * Mean share of a response's word 4-grams that also occur in the rubric's criteria or examples: a
 * policy that learned to recite the rubric ("my answer has a clear thesis") raises it.
 */
public final class RubricEchoDetector implements HackDetector {

  @Override
  public String name() {
    return "rubric_echo";
  }

  @Override
  public double measure(List<ScoredSample> window, RubricVersion rubric) {
    if (window.isEmpty()) {
      return 0;
    }
    StringBuilder text = new StringBuilder();
    for (RubricItem item : rubric.items()) {
      text.append(item.criterion()).append(" . ");
      item.examples().forEach(e -> text.append(e).append(" . "));
    }
    Set<String> rubricGrams = Texts.ngramSet(text.toString(), 4);
    double sum = 0;
    for (ScoredSample s : window) {
      List<String> grams = Texts.ngrams(Texts.words(s.response()), 4);
      if (!grams.isEmpty()) {
        sum += (double) grams.stream().filter(rubricGrams::contains).count() / grams.size();
      }
    }
    return sum / window.size();
  }
}
