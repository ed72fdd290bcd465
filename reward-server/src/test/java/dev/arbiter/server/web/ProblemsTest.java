package dev.arbiter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ProblemType;
import dev.arbiter.api.json.ArbiterJson;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ProblemsTest {

  @Test
  void toJson_writesTheMembersAndTheExtensionsAtTheTopLevel() {
    ServerHttpRequest request = MockServerHttpRequest.post("http://host:8080/v1/score?x=1").build();
    var problem =
        Problems.answering(
            Problems.of(ProblemType.TOO_MANY_ITEMS, "too many", Map.of("limit", 3)), request);

    Map<String, Object> json = read(Problems.toJson(problem));

    assertThat(json)
        .containsEntry("type", ProblemType.TOO_MANY_ITEMS.uri().toString())
        .containsEntry("title", ProblemType.TOO_MANY_ITEMS.title())
        .containsEntry("status", 413)
        .containsEntry("detail", "too many")
        .containsEntry("instance", "http://host:8080/v1/score")
        .containsEntry("limit", 3)
        .doesNotContainKey("properties");
  }

  @Test
  void toJson_leavesOutAnInstanceItDoesNotKnow() {
    Map<String, Object> json =
        read(Problems.toJson(Problems.of(ProblemType.MALFORMED_REQUEST, "bad", Map.of())));
    assertThat(json).doesNotContainKey("instance").containsEntry("status", 400);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(byte[] json) {
    return ArbiterJson.mapper().readValue(json, Map.class);
  }

  @Test
  void firstLine_keepsOneShortLine() {
    assertThat(Problems.firstLine("a\nb", "x")).isEqualTo("a");
    assertThat(Problems.firstLine(null, "x")).isEqualTo("x");
    assertThat(Problems.firstLine("y".repeat(400), "x")).hasSize(303).endsWith("...");
  }
}
