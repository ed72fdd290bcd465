package dev.arbiter.verifier.rules.truth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AbstentionDetectorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I don't know",
        "I don't know.",
        "i dont know",
        "I do not know the answer.",
        "I don\u2019t know",
        "Sorry, I don't know who that is.",
        "Unknown",
        "unknown.",
        "N/A",
        "IDK",
        "No idea",
        "I have no idea.",
        "I'm not sure",
        "I am not sure about this.",
        "Not sure.",
        "I'm uncertain",
        "Uncertain",
        "I am unsure",
        "Unsure",
        "I cannot answer that question.",
        "I can't answer this.",
        "This cannot be determined from the information given.",
        "It can't be determined.",
        "I'm unable to determine the answer.",
        "I am unable to answer.",
        "There is not enough information to answer.",
        "Insufficient information",
        "I don't have enough information to say.",
        "I do not have information about this.",
        "That is beyond my knowledge.",
        "This is outside my knowledge.",
        "There is no way to know.",
        "It is impossible to determine.",
        "I abstain.",
        "I'd rather not guess.",
        "I cannot say for certain.",
        "I can't tell.",
        "I cannot confirm that.",
        "I don't recall.",
        "No answer",
        "Nobody knows.",
        "\"I don't know\"",
        "**I don't know**",
        "I'm not able to answer that.",
      })
  void abstains_paraphrasesOfIDontKnow(String answer) {
    assertThat(AbstentionDetector.abstains(answer)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Paris",
        "The Eiffel Tower",
        "1889",
        "Barack Obama",
        "I know: it is Paris.",
        "Yes",
        "No",
        "No. 5",
        "None of the above is Lyon; it is Paris",
        "Uncertainty principle",
        "The Unknown Soldier",
        "Unknown Pleasures",
        "Don Knowles",
        "Sure, it's Paris",
        "Not Paris but Lyon",
        "Idaho",
        "Known unknowns",
        "Notre-Dame",
        "Canada",
        "42",
        "Nobody's Fool",
        "The Sure Thing",
        "I think it's Mount Everest",
        "Certainly, Rome",
        "Unclear Waters (a 2004 novel)",
        "It is determined by the court",
        "Answer: Berlin",
        "Tell-Tale Heart",
        "Doubtfire",
        "I Know What You Did Last Summer",
        "Knowledge is power",
        "Pass the salt",
        "Unsure-footed goat",
        "Ideal gas law",
        "Probably Madrid",
        "Nonexistent",
        "none-such",
        "Dunkirk",
        "Unanimous",
        "Not Applicable Records",
        "Everest",
        "Sir Isaac Newton",
      })
  void abstains_falseForAnswers(String answer) {
    assertThat(AbstentionDetector.abstains(answer)).isFalse();
  }
}
