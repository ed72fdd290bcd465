package dev.arbiter.verifier.vision.detection;

import dev.arbiter.verifier.vision.match.GreedyMatcher;
import dev.arbiter.verifier.vision.match.HungarianMatcher;
import dev.arbiter.verifier.vision.match.Matcher;

/** The {@code matching} option. */
public enum MatchingKind {
  GREEDY(GreedyMatcher.INSTANCE),
  HUNGARIAN(HungarianMatcher.INSTANCE);

  private final Matcher matcher;

  MatchingKind(Matcher matcher) {
    this.matcher = matcher;
  }

  public Matcher matcher() {
    return matcher;
  }
}
