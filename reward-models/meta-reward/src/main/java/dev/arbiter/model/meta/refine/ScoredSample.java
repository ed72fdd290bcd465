package dev.arbiter.model.meta.refine;

import java.util.List;

/**
 * One judged item, as the meta-model and the detectors see it. Texts are kept up to {@link
 * #MAX_RESPONSE_CHARS} / {@link #MAX_PROMPT_CHARS} so that a window of hostile megabyte responses
 * stays small; {@code responseLength} is the full length.
 *
 * @param id the item id
 * @param task the task
 * @param rubricVersion the version it was judged under
 * @param prompt the prompt (may be empty), cut to {@link #MAX_PROMPT_CHARS}
 * @param response the response, cut to {@link #MAX_RESPONSE_CHARS}
 * @param responseLength the full response's length in characters
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
    int responseLength,
    int total,
    int maxTotal,
    List<Integer> itemScores) {

  public static final int MAX_RESPONSE_CHARS = 16_000;
  public static final int MAX_PROMPT_CHARS = 4_000;

  public ScoredSample {
    prompt = cut(prompt == null ? "" : prompt, MAX_PROMPT_CHARS);
    response = cut(response, MAX_RESPONSE_CHARS);
    itemScores = List.copyOf(itemScores);
  }

  /** A sample of the full {@code response}; its length is taken before cutting. */
  public ScoredSample(
      String id,
      String task,
      int rubricVersion,
      String prompt,
      String response,
      int total,
      int maxTotal,
      List<Integer> itemScores) {
    this(id, task, rubricVersion, prompt, response, response.length(), total, maxTotal, itemScores);
  }

  /** {@code total / maxTotal}, in [0, 1]. */
  public double normalized() {
    return maxTotal <= 0 ? 0 : (double) total / maxTotal;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
