package dev.arbiter.gateway.openrlhf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuerySplitterTest {

  private static final String PROMPT =
      "<|user|>Is 97 prime? Reason step by step and answer yes or no.<|assistant|>";

  @Test
  void split_queryStartsWithPrompt() {
    assertThat(QuerySplitter.split(PROMPT + "yes", PROMPT))
        .isEqualTo(new QuerySplitter.Split("yes", false));
  }

  @Test
  void split_leftTruncatedPrompt_scoresOnlyTheResponse() {
    assertThat(QuerySplitter.split(PROMPT.substring(30) + " yes", PROMPT))
        .isEqualTo(new QuerySplitter.Split(" yes", true));
  }

  @Test
  void split_partlyDecodedFirstToken_isTolerated() {
    assertThat(QuerySplitter.split("\uFFFDx" + PROMPT.substring(30) + " yes", PROMPT))
        .isEqualTo(new QuerySplitter.Split(" yes", true));
  }

  @Test
  void split_unrelatedQuery_isNotSeparated() {
    assertThat(
            QuerySplitter.split("Is 97 prime? I can't tell.", "Is 97 prime? Answer.").separated())
        .isFalse();
    assertThat(QuerySplitter.split("anything", null).separated()).isFalse();
  }

  @Test
  void split_tooShortOverlap_isNotSeparated() {
    assertThat(QuerySplitter.split("<|assistant|>yes", PROMPT).separated()).isFalse();
  }
}
