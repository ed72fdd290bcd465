package dev.arbiter.trainer.task;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One verifiable prompt.
 *
 * @param prompt what the policy sees
 * @param scorer the gateway scorer id ({@code math} for the built-in tasks)
 * @param reference the scorer's gold data, e.g. {@code {"answer": "19"}}
 * @param category curriculum arm and reporting bucket, e.g. {@code add/2}
 * @param answerFormat the shape a well-formed response has (the format reward component)
 */
public record Task(
    String prompt,
    String scorer,
    Map<String, Object> reference,
    String category,
    Pattern answerFormat) {

  /** Any non-blank response. */
  public static final Pattern ANY = Pattern.compile("(?s)\\s*\\S.*");

  public Task {
    reference = reference == null ? Map.of() : Map.copyOf(reference);
    answerFormat = answerFormat == null ? ANY : answerFormat;
  }

  /** The gold answer text when the reference has one (supervised warm-up target). */
  public String answer() {
    Object a = reference.get("answer");
    return a == null ? null : a.toString();
  }
}
