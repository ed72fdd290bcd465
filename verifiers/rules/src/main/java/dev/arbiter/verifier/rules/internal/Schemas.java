package dev.arbiter.verifier.rules.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small builders for the JSON Schemas that {@code GET /v1/scorers} publishes. */
public final class Schemas {

  private Schemas() {}

  /** An object schema with the given properties (in order) and required keys. */
  public static Map<String, Object> object(
      String description, Map<String, Object> properties, String... required) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("description", description);
    s.put("properties", properties);
    if (required.length > 0) {
      s.put("required", List.of(required));
    }
    return s;
  }

  /** Ordered properties: name, schema, name, schema, ... */
  public static Map<String, Object> props(Object... nameSchemaPairs) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (int i = 0; i < nameSchemaPairs.length; i += 2) {
      p.put((String) nameSchemaPairs[i], nameSchemaPairs[i + 1]);
    }
    return p;
  }

  public static Map<String, Object> number(
      String description, double min, double max, double fallback) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "number");
    s.put("description", description);
    s.put("minimum", min);
    s.put("maximum", max);
    s.put("default", fallback);
    return s;
  }

  public static Map<String, Object> integer(String description, int min, int max, int fallback) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "integer");
    s.put("description", description);
    s.put("minimum", min);
    s.put("maximum", max);
    s.put("default", fallback);
    return s;
  }

  public static Map<String, Object> bool(String description, boolean fallback) {
    return Map.of("type", "boolean", "description", description, "default", fallback);
  }

  public static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  public static Map<String, Object> strings(String description) {
    return Map.of(
        "description",
        description,
        "oneOf",
        List.of(
            Map.of("type", "string"), Map.of("type", "array", "items", Map.of("type", "string"))));
  }

  /** An enum-valued string: the constants' lower-case names. */
  public static <E extends Enum<E>> Map<String, Object> choice(String description, E fallback) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "string");
    s.put("description", description);
    s.put(
        "enum",
        java.util.Arrays.stream(fallback.getDeclaringClass().getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .toList());
    s.put("default", fallback.name().toLowerCase(Locale.ROOT));
    return s;
  }

  public static Map<String, Object> any(String description) {
    return Map.of("description", description);
  }
}
