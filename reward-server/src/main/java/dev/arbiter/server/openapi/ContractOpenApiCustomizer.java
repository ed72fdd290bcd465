package dev.arbiter.server.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Makes the generated OpenAPI document tell the truth about the wire: free-form JSON where the
 * contract has scorer-specific objects ({@code reference}, {@code options}, {@code details}), a
 * nullable {@code reward}, the fields a server always writes marked required, every problem
 * response with the RFC 9457 problem schema, OpenRLHF's {@code /get_reward} typed, and the title
 * "Arbiter" with the version. {@code OpenApiContractIT} in the suite validates real traffic against
 * the served document.
 */
public final class ContractOpenApiCustomizer implements OpenApiCustomizer {

  static final String PROBLEM = "Problem";
  static final String GET_REWARD_RESPONSE = "GetRewardResponse";
  private static final String JSON = "application/json";
  private static final String PROBLEM_JSON = "application/problem+json";

  /** Problem statuses of the scoring endpoints and what each means. */
  private static final Map<String, String> PROBLEMS =
      Map.of(
          "400", "Malformed request (unreadable JSON, wrong shape, mismatched lengths)",
          "413", "Too many items or a body over the limit",
          "415", "Unsupported Content-Type",
          "422", "Unknown scorer or profile, or a request a scorer refuses",
          "500", "Internal error",
          "503", "Overloaded or, on /get_reward, items that could not be scored (see Retry-After)");

  @Override
  public void customise(OpenAPI api) {
    api.info(
        new Info()
            .title("Arbiter")
            .version(version())
            .description("Reward models and verifiers for RL fine-tuning: the scoring contract."));
    if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
      return;
    }
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    schemas.values().forEach(ContractOpenApiCustomizer::freeFormMaps);
    schemas.put(PROBLEM, problem());
    contractSchemas(schemas);
    if (schemas.containsKey("GetRewardRequest")) {
      getReward(schemas);
    }
    if (api.getPaths() != null) {
      api.getPaths().forEach(this::problemResponses);
    }
  }

  /**
   * {@code additionalProperties: {type: object}} (Java's {@code Map<String, Object>}): any JSON.
   */
  private static void freeFormMaps(Schema<?> schema) {
    Map<String, Schema> props = schema.getProperties();
    if (props == null) {
      return;
    }
    props.replaceAll(
        (name, p) -> {
          if (p.getAdditionalProperties() instanceof Schema<?> inner && isBareObject(inner)) {
            return object(true);
          }
          return p;
        });
  }

  private static boolean isBareObject(Schema<?> s) {
    return s.get$ref() == null && s.getProperties() == null && typeIs(s, "object");
  }

  private static boolean typeIs(Schema<?> s, String type) {
    return type.equals(s.getType()) || (s.getTypes() != null && s.getTypes().contains(type));
  }

  private static void contractSchemas(Map<String, Schema> schemas) {
    with(
        schemas,
        "ScoreRequest",
        s -> {
          s.setRequired(List.of("items"));
          nullable(prop(s, "profile"));
        });
    with(
        schemas,
        "ScoreItem",
        s -> {
          for (String name : List.of("id", "scorer", "prompt", "response", "group")) {
            nullable(prop(s, name));
          }
          s.getProperties().put("reference", nullable(object(true)));
          s.getProperties().put("options", nullable(object(true)));
        });
    with(
        schemas,
        "ScoreResult",
        s -> {
          s.setRequired(List.of("id", "reward", "status", "mask", "components", "details"));
          for (String name : List.of("id", "reward", "scorer", "latency_ms")) {
            nullable(prop(s, name));
          }
          s.getProperties().put("details", object(true));
        });
    with(schemas, "ScoreResponse", s -> s.setRequired(List.of("results", "groups")));
    with(
        schemas,
        "GroupStats",
        s -> {
          s.setRequired(new ArrayList<>(s.getProperties().keySet()));
          nullable(prop(s, "mean"));
          nullable(prop(s, "std"));
        });
    with(schemas, "ScorerDescriptor", s -> s.setRequired(List.of("id", "version")));
    for (String optional : List.of("description", "min", "max")) {
      with(schemas, "Profile", s -> nullable(prop(s, optional)));
    }
    for (String optional : List.of("name", "component", "min", "max", "keyed_on")) {
      with(schemas, "Component", s -> nullable(prop(s, optional)));
    }
  }

  private static void getReward(Map<String, Schema> schemas) {
    Schema<?> request = schemas.get("GetRewardRequest");
    request.setRequired(List.of("query", "prompts", "labels"));
    request
        .getProperties()
        .put(
            "labels",
            array(new JsonSchema().description("any JSON: an answer, a reference or a reward spec"))
                .description(
                    "one per query: a plain answer (fills the configured reference member), a JSON"
                        + " reference object, or {scorer, reference, options}"));
    Schema<Object> numbers = array(number());
    Schema<Object> response =
        object(false)
            .addProperty("rewards", array(number()))
            .addProperty("scores", array(number()))
            .addProperty(
                "extra_logs",
                object(false)
                    .additionalProperties(numbers)
                    .description("valid, masked, prompt_truncated and configured components"));
    response.setRequired(List.of("rewards", "scores", "extra_logs"));
    schemas.put(GET_REWARD_RESPONSE, response);
  }

  private void problemResponses(String path, PathItem item) {
    for (Operation op : operations(item)) {
      ApiResponses responses = op.getResponses();
      if (responses == null || !isScoring(path)) {
        continue;
      }
      if (path.equals("/get_reward")) {
        responses.put(
            "200",
            new ApiResponse()
                .description("Rewards, one per query")
                .content(content(JSON, ref(GET_REWARD_RESPONSE))));
      }
      PROBLEMS.forEach(
          (status, description) ->
              responses.put(
                  status,
                  new ApiResponse()
                      .description(description)
                      .content(content(PROBLEM_JSON, ref(PROBLEM)))));
    }
  }

  private static boolean isScoring(String path) {
    return path.equals("/v1/score") || path.equals("/get_reward");
  }

  private static List<Operation> operations(PathItem item) {
    List<Operation> ops = new ArrayList<>();
    if (item.getPost() != null) {
      ops.add(item.getPost());
    }
    if (item.getGet() != null) {
      ops.add(item.getGet());
    }
    return ops;
  }

  private static Schema<Object> problem() {
    Schema<Object> problem =
        object(true)
            .description("RFC 9457 problem details; extra members such as known or masked")
            .addProperty("type", string().format("uri"))
            .addProperty("title", string())
            .addProperty("status", new JsonSchema().types(new LinkedHashSet<>(Set.of("integer"))))
            .addProperty("detail", string())
            .addProperty("instance", string().format("uri"));
    // RFC 9457 makes every member optional (type defaults to about:blank); ours always carry these.
    problem.setRequired(List.of("title", "status"));
    return problem;
  }

  private static Content content(String mediaType, Schema<?> schema) {
    return new Content().addMediaType(mediaType, new MediaType().schema(schema));
  }

  private static Schema<Object> ref(String name) {
    return new JsonSchema().$ref("#/components/schemas/" + name);
  }

  private static Schema<Object> object(boolean anyMembers) {
    Schema<Object> s = new JsonSchema().types(new LinkedHashSet<>(Set.of("object")));
    if (anyMembers) {
      s.setAdditionalProperties(Boolean.TRUE);
    }
    return s;
  }

  private static Schema<Object> array(Schema<?> items) {
    return new JsonSchema().types(new LinkedHashSet<>(Set.of("array"))).items(items);
  }

  private static Schema<Object> number() {
    return new JsonSchema().types(new LinkedHashSet<>(Set.of("number")));
  }

  private static Schema<Object> string() {
    return new JsonSchema().types(new LinkedHashSet<>(Set.of("string")));
  }

  private static Schema<?> prop(Schema<?> schema, String name) {
    Schema<?> p = schema.getProperties() == null ? null : schema.getProperties().get(name);
    return p == null ? new JsonSchema() : p;
  }

  /** Adds {@code null} to a schema's types (OpenAPI 3.1 / JSON Schema 2020-12). */
  private static <T extends Schema<?>> T nullable(T schema) {
    Set<String> types = new LinkedHashSet<>();
    if (schema.getTypes() != null) {
      types.addAll(schema.getTypes());
    } else if (schema.getType() != null) {
      types.add(schema.getType());
    }
    if (!types.isEmpty()) {
      types.add("null");
      schema.setTypes(types);
      schema.setType(null);
    }
    return schema;
  }

  private static void with(
      Map<String, Schema> schemas, String name, java.util.function.Consumer<Schema<?>> change) {
    Schema<?> schema = schemas.get(name);
    if (schema != null && schema.getProperties() != null) {
      schema.setProperties(new LinkedHashMap<>(schema.getProperties()));
      change.accept(schema);
    }
  }

  /** The version of the reward-server artifact (from its jar's Maven metadata), else "dev". */
  static String version() {
    try (InputStream in =
        ContractOpenApiCustomizer.class.getResourceAsStream(
            "/META-INF/maven/dev.arbiter/reward-server/pom.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
