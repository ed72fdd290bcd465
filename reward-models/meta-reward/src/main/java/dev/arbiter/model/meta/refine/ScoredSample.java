package dev.arbiter.model.meta.refine;

import java.util.List;

/**
 * One judged item, as the meta-model and the detectors see it.
 *
 * @param id the item id
 * @param task the task
 * @param rubricVersion the version it was judged under
 * @param prompt the prompt (may be empty)
 * @param response the response
 * @param total the summed item points
 * @param maxTotal the rubric's highest total
 * @param itemScores points per rubric item
 */
public record ScoredSample(
    String id,
    String task,
    int rubricVersion,
    String prompt,
    String response,
    int total,
    int maxTotal,
    List<Integer> itemScores) {

  public ScoredSample {
    prompt = prompt == null ? "" : prompt;
    itemScores = List.copyOf(itemScores);
  }

  /** {@code total / maxTotal}, in [0, 1]. */
  public double normalized() {
    return maxTotal <= 0 ? 0 : (double) total / maxTotal;
  }
}
