package dev.arbiter.verifier.vision.parse;

/** Finds the answer in a response by linear scans only, so any response length stays cheap. */
public final class AnswerRegion {

  static final String OPEN = "<answer>";
  static final String CLOSE = "</answer>";

  private AnswerRegion() {}

  /**
   * The text between the first {@code <answer>} and the next {@code </answer>} (to the end when it
   * is not closed), trimmed; the whole response, trimmed, when there is no {@code <answer>} tag.
   */
  public static String of(String response) {
    int open = response.indexOf(OPEN);
    if (open < 0) {
      return response.strip();
    }
    int start = open + OPEN.length();
    int close = response.indexOf(CLOSE, start);
    return (close < 0 ? response.substring(start) : response.substring(start, close)).strip();
  }
}
