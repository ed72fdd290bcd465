package dev.arbiter.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.api.ScoreRequest;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.ScorerDescriptor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ArbiterJsonTest {

  private final JsonMapper json = ArbiterJson.mapper();

  @Test
  void write_resultUsesSnakeCaseAndWireStatus() {
    ScoreResult r =
        ScoreResult.failure("x", ScoreStatus.SCORER_UNAVAILABLE, "down").timed("vision/1", 1.5);
    String text = json.writeValueAsString(r);
    assertThat(text)
        .contains("\"status\":\"scorer_unavailable\"")
        .contains("\"latency_ms\":1.5")
        .contains("\"reward\":null")
        .contains("\"mask\":true");
  }

  @Test
  void read_requestFromArchitectureExample() {
    String body =
        "{\"items\":[{\"id\":\"q17-r3\",\"scorer\":\"math\",\"prompt\":\"p\",\"response\":\"r\","
            + "\"reference\":{\"answer\":\"0.75\"},\"options\":{},\"group\":\"q17\"}],"
            + "\"profile\":null}";
    ScoreRequest req = json.readValue(body, ScoreRequest.class);
    assertThat(req.items()).hasSize(1);
    assertThat(req.items().get(0).reference()).isEqualTo(Map.of("answer", "0.75"));
    assertThat(req.items().get(0).group()).isEqualTo("q17");
  }

  @Test
  void read_unknownStatusIsRejected() {
    assertThatThrownBy(
            () ->
                json.readValue(
                    "{\"id\":\"a\",\"status\":\"great\",\"mask\":false}", ScoreResult.class))
        .hasMessageContaining("unknown status 'great'");
  }

  @Test
  void write_descriptorCarriesItsServingTraits() {
    ScorerDescriptor d =
        new ScorerDescriptor("code", "code/1", "d", Map.of(), Map.of())
            .withTimeLimit(Duration.ofSeconds(180))
            .withCacheable(false);

    String text = json.writeValueAsString(d);

    assertThat(text).contains("\"time_limit_ms\":180000").contains("\"cacheable\":false");
    assertThat(json.readValue(text, ScorerDescriptor.class)).isEqualTo(d);
  }

  @Test
  void read_descriptorWithoutTraitsGetsTheDefaults() {
    ScorerDescriptor d =
        json.readValue("{\"id\":\"old\",\"version\":\"old/1\"}", ScorerDescriptor.class);

    assertThat(d.timeLimit()).isEqualTo(ScorerDescriptor.DEFAULT_TIME_LIMIT);
    assertThat(d.cacheable()).isTrue();
  }
}
