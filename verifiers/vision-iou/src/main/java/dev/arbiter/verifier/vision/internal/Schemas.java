package dev.arbiter.verifier.vision.internal;

import java.util.LinkedHashMap;
import java.util.List;
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
      String description, double min, double max, Double fallback) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "number");
    s.put("description", description);
    s.put("minimum", min);
    s.put("maximum", max);
    if (fallback != null) {
      s.put("default", fallback);
    }
    return s;
  }

  public static Map<String, Object> bool(String description, boolean fallback) {
    return Map.of("type", "boolean", "description", description, "default", fallback);
  }

  public static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  public static Map<String, Object> choice(String description, String fallback, String... values) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "string");
    s.put("description", description);
    s.put("enum", List.of(values));
    s.put("default", fallback);
    return s;
  }

  public static Map<String, Object> numbers(String description, int count) {
    return Map.of(
        "type",
        "array",
        "description",
        description,
        "items",
        Map.of("type", "number"),
        "minItems",
        count,
        "maxItems",
        count);
  }

  public static Map<String, Object> array(String description, Map<String, Object> items) {
    return Map.of("type", "array", "description", description, "items", items);
  }

  /** {@code image_size}: {@code [w, h]} in pixels. */
  public static Map<String, Object> imageSize() {
    return numbers("[width, height] of the image in pixels; needed to convert between coords", 2);
  }

  /** {@code coords}: the convention of coordinates. */
  public static Map<String, Object> coords(String whose) {
    return choice(
        "coordinate convention of " + whose + ": pixels, fractions of the image, or Qwen-VL 0-1000",
        "pixel",
        "pixel",
        "normalized",
        "qwen1000");
  }

  /** {@code format}: the format rule. */
  public static Map<String, Object> format() {
    return choice(
        "format reward rule: <think>…</think><answer>…</answer>, <answer>…</answer> only, or no"
            + " format component",
        "think_answer",
        "think_answer",
        "answer",
        "none");
  }
}
