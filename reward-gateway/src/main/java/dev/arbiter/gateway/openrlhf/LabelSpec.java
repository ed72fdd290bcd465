package dev.arbiter.gateway.openrlhf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an OpenRLHF label means: the scorer, reference and options of its item.
 *
 * <ul>
 *   <li>a JSON object (or a string holding one) with {@code scorer}, {@code reference} or {@code
 *       options} names them itself (a reward spec), so one endpoint serves a mixed dataset;
 *   <li>any other JSON object is the reference;
 *   <li>a plain value fills the configured reference member ({@code {"answer": "42"}}): strings as
 *       they are, numbers and booleans as their JSON text, arrays as JSON arrays (never Java's
 *       {@code toString});
 *   <li>no label is an empty reference.
 * </ul>
 */
record LabelSpec(String scorer, Map<String, Object> reference, Map<String, Object> options) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static LabelSpec of(Object label, String defaultScorer, String referenceField) {
    Object value = maybeJsonObject(label);
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> object = stringKeys(map);
      if (object.containsKey("scorer")
          || object.containsKey("reference")
          || object.containsKey("options")) {
        Object scorer = object.get("scorer");
        Object reference = maybeJsonObject(object.get("reference"));
        Object options = object.get("options");
        return new LabelSpec(
            scorer instanceof String s && !s.isBlank() ? s : defaultScorer,
            reference instanceof Map<?, ?> r ? stringKeys(r) : Map.of(),
            options instanceof Map<?, ?> o ? stringKeys(o) : Map.of());
      }
      return new LabelSpec(defaultScorer, object, Map.of());
    }
    if (value == null) {
      return new LabelSpec(defaultScorer, Map.of(), Map.of());
    }
    Object member =
        value instanceof Number || value instanceof Boolean
            ? JSON.writeValueAsString(value)
            : value instanceof List<?> ? value : value.toString();
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put(referenceField, member);
    return new LabelSpec(defaultScorer, reference, Map.of());
  }

  private static Object maybeJsonObject(Object value) {
    if (value instanceof String text && text.stripLeading().startsWith("{")) {
      try {
        return JSON.readValue(text, Map.class);
      } catch (JacksonException e) {
        return text;
      }
    }
    return value;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
