package dev.arbiter.model.judge;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One generated token with its log probability and, when asked for, the most likely alternatives at
 * its position (which include the token itself on OpenAI-compatible servers).
 *
 * @param token the token text
 * @param logprob its natural-log probability
 * @param top the alternatives, most likely first; empty when not returned
 */
public record TokenLogprob(String token, double logprob, List<TopLogprob> top) {

  public TokenLogprob {
    top = top == null ? List.of() : List.copyOf(top);
  }

  /** The logprob of {@code candidate} among the alternatives (exact token match), if listed. */
  public OptionalDouble logprobOf(String candidate) {
    for (TopLogprob t : top) {
      if (t.token().equals(candidate)) {
        return OptionalDouble.of(t.logprob());
      }
    }
    return token.equals(candidate) ? OptionalDouble.of(logprob) : OptionalDouble.empty();
  }
}
