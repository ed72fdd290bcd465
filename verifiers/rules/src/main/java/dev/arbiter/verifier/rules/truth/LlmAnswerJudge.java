package dev.arbiter.verifier.rules.truth;

import dev.arbiter.model.judge.JudgeClient;
import dev.arbiter.model.judge.JudgeMalformedResponseException;
import java.util.List;
import java.util.Locale;

/**
 * {@link AnswerJudge} over the shared judge client: TruthRL grades answers with an LLM judge that
 * says whether the prediction matches the gold answers. The judge is asked for one word, {@code
 * CORRECT} or {@code INCORRECT}; anything else is a malformed judge answer (masked).
 */
public final class LlmAnswerJudge implements AnswerJudge {

  static final String SYSTEM =
      "You grade answers to factual questions. Compare the predicted answer with the gold answers"
          + " (any one of them is right). Judge meaning, not wording: aliases, abbreviations and"
          + " equivalent forms count as correct; a hedge that names several candidates is"
          + " incorrect. Reply with exactly one word: CORRECT or INCORRECT.";

  private final JudgeClient client;

  public LlmAnswerJudge(JudgeClient client) {
    this.client = client;
  }

  @Override
  public boolean correct(String question, String predicted, List<String> golds) {
    String user =
        "Question: "
            + (question == null ? "(not given)" : question)
            + "\nGold answers: "
            + String.join(" | ", golds)
            + "\nPredicted answer: "
            + predicted
            + "\nVerdict:";
    String text = client.complete(SYSTEM, user).strip().toUpperCase(Locale.ROOT);
    if (text.startsWith("INCORRECT")) {
      return false;
    }
    if (text.startsWith("CORRECT")) {
      return true;
    }
    throw new JudgeMalformedResponseException(
        "judge answered neither CORRECT nor INCORRECT: "
            + (text.length() > 80 ? text.substring(0, 80) + "…" : text));
  }
}
