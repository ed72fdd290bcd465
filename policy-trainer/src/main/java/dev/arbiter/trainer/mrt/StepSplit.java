package dev.arbiter.trainer.mrt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a response's steps (MRT's "episodes") end. The steps concatenate back to the response. */
public enum StepSplit {
  /** A step ends after each line break (the break belongs to the step it ends). */
  NEWLINE,
  /** Every character is a step: the arithmetic task's answers are digits without line breaks. */
  CHAR;

  /** At most this many steps per response; the rest of a longer one joins the last step. */
  public static final int MAX_STEPS = 16;

  /** {@code newline} or {@code char}. */
  public static StepSplit of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The response's steps, in order; none for an empty response. */
  public List<String> steps(String response) {
    List<String> steps = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < response.length() && steps.size() < MAX_STEPS - 1; i++) {
      if (this == CHAR || response.charAt(i) == '\n') {
        steps.add(response.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < response.length()) {
      steps.add(response.substring(start));
    }
    return steps;
  }

  /**
   * The prefixes whose success MRT estimates: the empty one, then the response up to the end of
   * each step (the last is the whole response).
   */
  public List<String> prefixes(String response) {
    List<String> prefixes = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    prefixes.add("");
    for (String step : steps(response)) {
      sb.append(step);
      prefixes.add(sb.toString());
    }
    return prefixes;
  }
}
