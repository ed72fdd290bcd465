package dev.arbiter.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractOpenApiCustomizerTest {

  private static Schema<Object> typed(String type) {
    return new JsonSchema().types(new java.util.LinkedHashSet<>(Set.of(type)));
  }

  private static OpenAPI generated() {
    Schema<Object> result = new JsonSchema();
    Map<String, Schema> props = new LinkedHashMap<>();
    props.put("reward", typed("number"));
    props.put("details", typed("object").additionalProperties(typed("object")));
    props.put("status", typed("string"));
    result.setProperties(props);
    Schema<Object> item = new JsonSchema();
    Map<String, Schema> itemProps = new LinkedHashMap<>();
    itemProps.put("reference", typed("object").additionalProperties(typed("object")));
    itemProps.put("response", typed("string"));
    item.setProperties(itemProps);
    Map<String, Schema> schemas = new LinkedHashMap<>();
    schemas.put("ScoreResult", result);
    schemas.put("ScoreItem", item);
    return new OpenAPI()
        .components(new Components().schemas(schemas))
        .paths(
            new Paths()
                .addPathItem(
                    "/v1/score",
                    new PathItem()
                        .post(
                            new Operation()
                                .responses(
                                    new ApiResponses().addApiResponse("200", new ApiResponse())))));
  }

  @Test
  void customise_freeFormJsonNullableRewardRequiredFieldsProblemsAndTitle() {
    OpenAPI api = generated();
    new ContractOpenApiCustomizer().customise(api);

    assertThat(api.getInfo().getTitle()).isEqualTo("Arbiter");
    assertThat(api.getInfo().getVersion()).isNotBlank();
    Schema<?> result = api.getComponents().getSchemas().get("ScoreResult");
    assertThat(result.getProperties().get("reward").getTypes())
        .containsExactlyInAnyOrder("number", "null");
    assertThat(result.getProperties().get("details").getAdditionalProperties()).isEqualTo(true);
    assertThat(result.getRequired()).contains("reward", "status", "details");
    Schema<?> item = api.getComponents().getSchemas().get("ScoreItem");
    assertThat(item.getProperties().get("reference").getAdditionalProperties()).isEqualTo(true);
    assertThat(item.getProperties().get("reference").getTypes()).contains("object", "null");
    assertThat(api.getComponents().getSchemas()).containsKey("Problem");
    ApiResponses responses = api.getPaths().get("/v1/score").getPost().getResponses();
    assertThat(responses.keySet()).contains("200", "400", "413", "415", "422", "503");
    assertThat(
            responses.get("413").getContent().get("application/problem+json").getSchema().get$ref())
        .isEqualTo("#/components/schemas/Problem");
  }
}
