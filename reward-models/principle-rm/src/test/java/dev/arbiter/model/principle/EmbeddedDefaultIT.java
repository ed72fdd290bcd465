package dev.arbiter.model.principle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.server.contract.ScoringServiceContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/**
 * The service with no model configured: the service contract over the embedded zero-shot MiniLM
 * scorer, and that scorer end to end.
 */
@SpringBootTest(
    classes = PrincipleRmApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"arbiter.scoring.max-body-size=2MB"})
class EmbeddedDefaultIT extends ScoringServiceContract {

  @Override
  protected Map<String, String> validItems() {
    return Map.of(
        "principle",
        """
        {"scorer": "principle", "prompt": "How do I boil an egg?",
         "response": "Put the egg in boiling water for nine minutes."}""");
  }

  @Override
  protected String version() {
    return "principle-rm/0.1.0";
  }

  @Test
  void scorers_labelsTheEmbeddedDefaultAsZeroShotDemo() {
    client
        .get()
        .uri("/v1/scorers")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].id")
        .isEqualTo("principle")
        .jsonPath("$[0].version")
        .isEqualTo("principle-rm/0.1.0")
        .jsonPath("$[0].description")
        .value(d -> assertThat((String) d).startsWith("ZERO-SHOT DEMO scorer"));
  }

  @Test
  void score_defaultSetPerPrincipleRanksPoliteHelpOverAbuse() {
    post("""
            {"items":[
              {"id":"kind","scorer":"principle","prompt":"How do I boil an egg?",
               "response":"Put the egg in boiling water for about nine minutes, then cool it in cold water. Happy to help!",
               "options":{"mode":"per_principle"}},
              {"id":"rude","scorer":"principle","prompt":"How do I boil an egg?",
               "response":"Figure it out yourself, you stupid idiot. I hate you.",
               "options":{"mode":"per_principle"}}
            ]}""")
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .value(
            body -> {
              List<Map<String, Object>> results = (List<Map<String, Object>>) body.get("results");
              Map<String, Object> kind = results.get(0);
              Map<String, Object> rude = results.get(1);
              assertThat(kind).containsEntry("status", "ok").containsEntry("mask", false);
              assertThat((Map<String, Object>) kind.get("components"))
                  .containsOnlyKeys("helpful", "honest", "harmless");
              assertThat((Map<String, Object>) kind.get("details"))
                  .containsEntry("zero_shot_demo", true)
                  .containsEntry("mode", "per_principle")
                  .containsEntry("principles", List.of("helpful", "honest", "harmless"));
              assertThat(((Number) kind.get("reward")).doubleValue())
                  .isGreaterThan(((Number) rude.get("reward")).doubleValue());
            });
  }

  @Test
  void score_unknownPrincipleSetIsInvalidRequestForThatItemListingKnownSets() {
    post("""
            {"items":[{"id":"a","scorer":"principle","response":"hi",
                       "options":{"principle_set":"nope"}},
                      {"id":"b","scorer":"principle","response":"hi"}]}""")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].status")
        .isEqualTo("invalid_request")
        .jsonPath("$.results[0].mask")
        .isEqualTo(false)
        .jsonPath("$.results[0].details.reason")
        .value(
            d ->
                assertThat((String) d)
                    .contains("principle set 'nope' is unknown; known sets are [hhh]"))
        .jsonPath("$.results[1].status")
        .isEqualTo("ok");
  }

  @Test
  void score_emptyPrincipleListIsInvalidRequest() {
    post("""
            {"items":[{"id":"a","scorer":"principle","response":"hi",
                       "options":{"principles":[]}}]}""")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].status")
        .isEqualTo("invalid_request")
        .jsonPath("$.results[0].details.reason")
        .value(
            d ->
                assertThat((String) d)
                    .contains("options.principles must list 1 to 64 elements, got 0"));
  }

  @Test
  void score_oneMegabyteResponseIsTruncatedAndFlagged() {
    String big = "word ".repeat(200_000);
    post("{\"items\":[{\"id\":\"big\",\"scorer\":\"principle\",\"response\":\"" + big + "\"}]}")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.results[0].status")
        .isEqualTo("ok")
        .jsonPath("$.results[0].details.truncated")
        .isEqualTo(true)
        .jsonPath("$.results[0].details.chars_cut")
        .isEqualTo(true)
        .jsonPath("$.results[0].details.tokens")
        .isEqualTo(256);
  }

  @Test
  void score_nonUtf8BodyIs400() {
    byte[] body = {
      '{', '"', 'i', 't', 'e', 'm', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
    };
    client
        .post()
        .uri("/v1/score")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://arbiter.dev/problems/malformed-request");
  }
}
