package dev.arbiter.verifier.math.extract;

import dev.arbiter.verifier.math.extract.ExtractionConfig.Target;
import java.util.List;

/**
 * One possible answer found in a text.
 *
 * @param target how it was found
 * @param priority rank of its pattern (lower first)
 * @param start where it starts in the text
 * @param end where it ends in the text (later first among equal priorities)
 * @param parts the answer text; several parts ("$1$ and $2$", several boxes) form a set
 * @param percent whether a percent sign followed it
 */
public record Candidate(
    Target target, int priority, int start, int end, List<String> parts, boolean percent) {

  /** The parts as one display string. */
  public String text() {
    return String.join(" and ", parts);
  }
}
