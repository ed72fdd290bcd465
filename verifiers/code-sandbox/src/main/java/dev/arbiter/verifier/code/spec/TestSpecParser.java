package dev.arbiter.verifier.code.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a {@code code} reference. Every problem is a list of cases; see the module README for the
 * accepted shapes. Throws {@link IllegalArgumentException} with a message naming what was expected
 * when the reference cannot be used.
 */
public final class TestSpecParser {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

  private TestSpecParser() {}

  public static TestSpec parse(Map<String, Object> ref) {
    String language = string(ref, "language");
    Comparison comparison =
        ref.get("compare") == null ? null : Comparison.parse(string(ref, "compare"));
    Double tolerance = number(ref, "float_tolerance");
    if (ref.containsKey("assert") || ref.containsKey("test")) {
      return asserts(ref, language);
    }
    if (ref.containsKey("fn_name")) {
      return function(ref, language, tolerance);
    }
    if (ref.containsKey("tests") || ref.containsKey("inputs")) {
      return new TestSpec(
          TestSpec.Kind.STDIO, language, stdio(ref), List.of(), "", null, comparison, tolerance);
    }
    if (Boolean.TRUE.equals(ref.get("run"))) {
      String stdin = ref.get("stdin") == null ? "" : string(ref, "stdin");
      return new TestSpec(
          TestSpec.Kind.RUN,
          language,
          List.of(new TestCase(stdin, null, null, "run")),
          List.of(),
          "",
          null,
          comparison,
          tolerance);
    }
    throw new IllegalArgumentException(
        "reference has no tests: expected 'tests' (stdin/stdout), 'inputs'+'outputs',"
            + " 'assert' (test code), 'fn_name'+'cases', or 'run': true");
  }

  private static TestSpec asserts(Map<String, Object> ref, String language) {
    Object raw = ref.containsKey("assert") ? ref.get("assert") : ref.get("test");
    List<String> snippets = new ArrayList<>();
    if (raw instanceof String s) {
      String entry = string(ref, "entry_point");
      if (entry != null && !IDENTIFIER.matcher(entry).matches()) {
        throw new IllegalArgumentException("'entry_point' should be an identifier, got " + entry);
      }
      snippets.add(entry != null && s.contains("check(") ? s + "\ncheck(" + entry + ")\n" : s);
    } else if (raw instanceof List<?> list && !list.isEmpty()) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException("'assert' list should hold strings of test code");
        }
        snippets.add(s);
      }
    } else {
      throw new IllegalArgumentException(
          "'assert' should be test code (a string) or a non-empty list of assert statements");
    }
    if (snippets.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("'assert' holds an empty test");
    }
    String setup = ref.get("setup") == null ? "" : string(ref, "setup");
    List<TestCase> cases = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      cases.add(new TestCase(i + "\n", null, null, abbreviate(snippets.get(i), 200)));
    }
    return new TestSpec(TestSpec.Kind.ASSERT, language, cases, snippets, setup, null, null, null);
  }

  private static TestSpec function(Map<String, Object> ref, String language, Double tolerance) {
    String fn = string(ref, "fn_name");
    if (fn == null || !IDENTIFIER.matcher(fn).matches()) {
      throw new IllegalArgumentException("'fn_name' should be an identifier, got " + fn);
    }
    List<TestCase> cases = new ArrayList<>();
    if (ref.get("cases") instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof Map<?, ?> c) || !c.containsKey("args") || !c.containsKey("expected")) {
          throw new IllegalArgumentException(
              "each of 'cases' should be {\"args\": [...], \"expected\": value}");
        }
        cases.add(call(c.get("args"), c.get("expected")));
      }
    } else if (ref.get("inputs") instanceof List<?> in
        && ref.get("outputs") instanceof List<?> out) {
      cases.addAll(Fields.zip(in, out, TestSpecParser::call));
    }
    if (cases.isEmpty()) {
      throw new IllegalArgumentException(
          "'fn_name' needs 'cases' [{\"args\": [...], \"expected\": ...}] or 'inputs'/'outputs'");
    }
    return new TestSpec(
        TestSpec.Kind.FUNCTION, language, cases, List.of(), "", fn, null, tolerance);
  }

  private static TestCase call(Object args, Object expected) {
    if (!(args instanceof List<?> list)) {
      throw new IllegalArgumentException("function-call 'args' should be a JSON array");
    }
    String json = Json.write(list);
    return new TestCase(json, null, expected, abbreviate(json, 200));
  }

  private static List<TestCase> stdio(Map<String, Object> ref) {
    List<TestCase> cases = new ArrayList<>();
    if (ref.get("tests") instanceof List<?> tests) {
      for (Object o : tests) {
        if (!(o instanceof Map<?, ?> t)) {
          throw new IllegalArgumentException(
              "each of 'tests' should be {\"stdin\": …, \"stdout\": …}");
        }
        Object in = t.containsKey("stdin") ? t.get("stdin") : t.get("input");
        Object out = t.containsKey("stdout") ? t.get("stdout") : t.get("output");
        cases.add(stdioCase(in, out));
      }
    } else if (ref.get("inputs") instanceof List<?> in
        && ref.get("outputs") instanceof List<?> out) {
      cases.addAll(Fields.zip(in, out, TestSpecParser::stdioCase));
    } else {
      throw new IllegalArgumentException("'tests' should be a list, or 'inputs'/'outputs' lists");
    }
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("reference has an empty list of tests");
    }
    return cases;
  }

  private static TestCase stdioCase(Object in, Object out) {
    if (!(out instanceof String expected)) {
      throw new IllegalArgumentException("each test needs an expected 'stdout' string");
    }
    if (in != null && !(in instanceof String)) {
      throw new IllegalArgumentException("a test's 'stdin' should be a string");
    }
    String stdin = in == null ? "" : (String) in;
    return new TestCase(stdin, expected, null, abbreviate(stdin, 120));
  }

  private static String string(Map<String, Object> m, String key) {
    return Fields.string(m, key, "reference field");
  }

  private static Double number(Map<String, Object> m, String key) {
    return Fields.number(m, key, "reference field");
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
