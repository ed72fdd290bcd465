package dev.arbiter.verifier.rules.truth;

import java.util.List;

/**
 * Decides whether a predicted answer is correct when exact match says no: the seam to an LLM judge.
 * Implementations throw {@link dev.arbiter.model.judge.JudgeException} when the judge cannot answer
 * (the item is then masked, never a silent −1).
 */
@FunctionalInterface
public interface AnswerJudge {

  /** True when {@code predicted} answers {@code question} as one of {@code golds} does. */
  boolean correct(String question, String predicted, List<String> golds);
}
