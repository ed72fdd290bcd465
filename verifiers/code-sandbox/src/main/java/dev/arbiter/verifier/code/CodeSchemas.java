package dev.arbiter.verifier.code;

import java.util.List;
import java.util.Map;

/** JSON Schemas of the {@code code} scorer's reference and options, for {@code /v1/scorers}. */
final class CodeSchemas {

  private CodeSchemas() {}

  static Map<String, Object> reference() {
    Map<String, Object> stdioCase =
        Map.of(
            "type", "object",
            "properties", Map.of("stdin", str(), "stdout", str()),
            "required", List.of("stdout"));
    Map<String, Object> callCase =
        Map.of(
            "type", "object",
            "properties", Map.of("args", Map.of("type", "array"), "expected", Map.of()),
            "required", List.of("args", "expected"));
    return Map.of(
        "type",
        "object",
        "description",
        "one of: tests (stdin/stdout), inputs+outputs, assert (+entry_point, setup),"
            + " fn_name+cases, run",
        "properties",
        Map.ofEntries(
            Map.entry("language", str()),
            Map.entry("tests", Map.of("type", "array", "items", stdioCase)),
            Map.entry("inputs", Map.of("type", "array")),
            Map.entry("outputs", Map.of("type", "array")),
            Map.entry(
                "assert", Map.of("oneOf", List.of(str(), Map.of("type", "array", "items", str())))),
            Map.entry("entry_point", str()),
            Map.entry("setup", str()),
            Map.entry("fn_name", str()),
            Map.entry("cases", Map.of("type", "array", "items", callCase)),
            Map.entry("run", Map.of("type", "boolean")),
            Map.entry("stdin", str()),
            Map.entry("compare", compare()),
            Map.entry("float_tolerance", Map.of("type", "number"))));
  }

  static Map<String, Object> options() {
    return Map.of(
        "type",
        "object",
        "additionalProperties",
        false,
        "properties",
        Map.ofEntries(
            Map.entry("language", str()),
            Map.entry("reward", Map.of("enum", List.of("fraction", "all", "fail_fast"))),
            Map.entry("run_timeout_s", Map.of("type", "number", "exclusiveMinimum", 0)),
            Map.entry("memory_mb", Map.of("type", "number", "minimum", 16)),
            Map.entry("compare", compare()),
            Map.entry("float_tolerance", Map.of("type", "number")),
            Map.entry("extract", Map.of("enum", List.of("last", "first", "raw"))),
            Map.entry("compile_error_reward", Map.of("type", "number")),
            Map.entry("no_code_reward", Map.of("type", "number"))));
  }

  private static Map<String, Object> str() {
    return Map.of("type", "string");
  }

  private static Map<String, Object> compare() {
    return Map.of("enum", List.of("exact", "whitespace", "float"));
  }
}
