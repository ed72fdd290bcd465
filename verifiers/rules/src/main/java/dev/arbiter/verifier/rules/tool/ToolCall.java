package dev.arbiter.verifier.rules.tool;

import dev.arbiter.verifier.rules.text.BoundedJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool call: a name and its parameters in their given order (ToolRL compares key lists in order
 * before it compares them as multisets).
 */
public record ToolCall(String name, Map<String, Object> parameters) {

  /** ToolRL's {@code gt_tool == pd_tool}, with Python's equality for the values. */
  public boolean sameAs(ToolCall other) {
    return name.equals(other.name) && BoundedJson.pyEquals(parameters, other.parameters);
  }

  /** Python's {@code gt_tools == pd_tools} on two lists. */
  public static boolean sameCalls(List<ToolCall> a, List<ToolCall> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).sameAs(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads one call in any of the common shapes: {@code {"name", "parameters"}} (ToolRL), {@code
   * {"name", "arguments"}} (Hermes, OpenAI, with {@code arguments} an object or a JSON string), or
   * {@code {"function": {...}}} (an OpenAI {@code tool_calls} entry).
   *
   * @throws IllegalArgumentException with the reason when {@code json} is not a call
   */
  public static ToolCall read(Object json) {
    if (!(json instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("a tool call must be a JSON object");
    }
    if (map.get("function") instanceof Map<?, ?> fn && !map.containsKey("name")) {
      return read(fn);
    }
    if (!(map.get("name") instanceof String name)) {
      throw new IllegalArgumentException("a tool call needs a string 'name'");
    }
    Object params = map.containsKey("parameters") ? map.get("parameters") : map.get("arguments");
    if (params instanceof String s) {
      try {
        params = BoundedJson.parse(s);
      } catch (BoundedJson.MalformedJsonException e) {
        throw new IllegalArgumentException("arguments of '" + name + "' are not JSON");
      }
    }
    if (params == null && !map.containsKey("parameters") && !map.containsKey("arguments")) {
      throw new IllegalArgumentException("tool call '" + name + "' has no 'parameters'");
    }
    if (!(params instanceof Map<?, ?> p)) {
      throw new IllegalArgumentException("parameters of '" + name + "' must be a JSON object");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    p.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return new ToolCall(name, copy);
  }

  /** Every call of a JSON value: one call, a list of calls, or {@code {"tool_calls": [...]}}. */
  public static List<ToolCall> readAll(Object json) {
    List<ToolCall> calls = new ArrayList<>();
    if (json instanceof Map<?, ?> map && map.get("tool_calls") instanceof List<?> list) {
      json = list;
    }
    if (json instanceof List<?> list) {
      for (Object o : list) {
        calls.add(read(o));
      }
    } else {
      calls.add(read(json));
    }
    return calls;
  }
}
