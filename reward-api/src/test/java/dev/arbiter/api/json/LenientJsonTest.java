package dev.arbiter.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LenientJsonTest {

  @Test
  void firstValue_findsJsonInsideProseAndFences() {
    assertThat(LenientJson.firstValue("Here you go: [1, 2] done", 1000)).isEqualTo(List.of(1, 2));
    assertThat(LenientJson.firstValue("```json\n{'a': 1,}\n```", 1000)).isEqualTo(Map.of("a", 1));
  }

  @Test
  void firstValue_skipsBracketsThatDoNotParse() {
    assertThat(LenientJson.firstValue("see [figure 1] then {\"a\": [1]}", 1000))
        .isEqualTo(Map.of("a", List.of(1)));
  }

  @Test
  void firstValue_readsNanSoThatCallersCanRefuseIt() {
    assertThat(LenientJson.firstValue("[NaN]", 100))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .singleElement()
        .isEqualTo(Double.NaN);
  }

  @Test
  void firstValue_namesWhyThereIsNoValue() {
    assertThatThrownBy(() -> LenientJson.firstValue("", 10))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessage("answer is empty");
    assertThatThrownBy(() -> LenientJson.firstValue("no json here", 100))
        .hasMessage("answer holds no JSON list or object");
    assertThatThrownBy(() -> LenientJson.firstValue("[1, 2", 100))
        .hasMessageStartingWith("answer is not valid JSON: ");
  }

  @Test
  void firstValue_refusesTooLongText() {
    assertThatThrownBy(() -> LenientJson.firstValue("[" + "1,".repeat(100) + "1]", 50))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("the limit is 50");
  }

  @Test
  void firstValue_refusesDeepNesting() {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    assertThatThrownBy(() -> LenientJson.firstValue(deep, 10_000))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void firstValue_triesAtMostMaxAttemptsStarts() {
    String text = "[x ".repeat(LenientJson.MAX_ATTEMPTS) + "[1]";
    assertThatThrownBy(() -> LenientJson.firstValue(text, 1000))
        .hasMessageStartingWith("answer is not valid JSON");
    String within = "[x ".repeat(LenientJson.MAX_ATTEMPTS - 1) + "[1]";
    assertThat(LenientJson.firstValue(within, 1000)).isEqualTo(List.of(1));
  }

  @Test
  void firstObject_firstBalancedObjectAfterChatter() {
    JsonNode node =
        LenientJson.firstObject(
                "Sure! {not json} then ```json\n{\"items\": [{\"score\": 2}]}\n``` and {\"b\": 1}",
                10_000)
            .orElseThrow();
    assertThat(node.path("items").get(0).path("score").asInt()).isEqualTo(2);
  }

  @Test
  void firstObject_objectInsideAListCounts() {
    assertThat(LenientJson.firstObject("[{\"a\": 1}]", 100).orElseThrow().path("a").asInt())
        .isEqualTo(1);
  }

  @Test
  void firstObject_emptyWhenNoneOrTooLong() {
    assertThat(LenientJson.firstObject(null, 100)).isEmpty();
    assertThat(LenientJson.firstObject("7/10, nice", 100)).isEmpty();
    assertThat(LenientJson.firstObject("[1, 2]", 100)).isEmpty();
    assertThat(LenientJson.firstObject("{\"a\": 1}", 3)).isEmpty();
    assertThat(LenientJson.firstObject("{\"a\": {\"b\": ", 100)).isEmpty();
  }

  @Test
  void megabyteOfAdversarialBracesIsBounded() {
    // every start position would read to the end: at most MAX_ATTEMPTS linear passes are made
    String braces = "{\"a\":".repeat(200_000);
    String brackets = "[1,".repeat(350_000);
    String unclosedStrings = "{\"".repeat(500_000);
    for (String hostile : List.of(braces, brackets, unclosedStrings)) {
      assertThat(hostile.length()).isGreaterThan(999_999);
      assertThatThrownBy(() -> LenientJson.firstValue(hostile, 2_000_000))
          .isInstanceOf(MalformedJsonException.class);
      assertThat(LenientJson.firstObject(hostile, 2_000_000)).isEmpty();
    }
  }
}
