package dev.arbiter.verifier.code.spec;

import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.verifier.code.spec.CodeReference.CallCase;
import dev.arbiter.verifier.code.spec.CodeReference.StdioTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads a {@code code} reference: {@link ItemFields} binds and type-checks its fields ({@link
 * CodeReference}), and this normalizer picks the shape and turns it into a list of cases. The first
 * shape present wins, in this order: {@code assert} (or {@code test}), {@code fn_name}, {@code
 * tests} or {@code inputs}, {@code run: true}; see the module README. Throws {@link
 * InvalidItemException} ({@code invalid_reference}) naming what was expected when the reference
 * cannot be used.
 */
public final class TestSpecParser {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

  private TestSpecParser() {}

  /** The JSON Schema of the reference, as {@code /v1/scorers} publishes it. */
  public static Map<String, Object> schema() {
    return RecordSchemas.reference(CodeReference.class);
  }

  public static TestSpec parse(Map<String, Object> reference) {
    CodeReference ref = ItemFields.reference(reference, CodeReference.class);
    if (ref.assertion() != null || ref.test() != null) {
      return asserts(ref);
    }
    if (ref.fnName() != null) {
      return function(ref);
    }
    if (ref.tests() != null || ref.inputs() != null) {
      return new TestSpec(
          TestSpec.Kind.STDIO,
          ref.language(),
          stdio(ref),
          List.of(),
          "",
          null,
          ref.compare(),
          ref.floatTolerance());
    }
    if (Boolean.TRUE.equals(ref.run())) {
      String stdin = ref.stdin() == null ? "" : ref.stdin();
      return new TestSpec(
          TestSpec.Kind.RUN,
          ref.language(),
          List.of(new TestCase(stdin, null, null, "run")),
          List.of(),
          "",
          null,
          ref.compare(),
          ref.floatTolerance());
    }
    throw refused(
        "reference has no tests: expected 'tests' (stdin/stdout), 'inputs'+'outputs',"
            + " 'assert' (test code), 'fn_name'+'cases', or 'run': true");
  }

  private static TestSpec asserts(CodeReference ref) {
    Object raw = ref.assertion() != null ? ref.assertion() : ref.test();
    List<String> snippets = new ArrayList<>();
    if (raw instanceof String s) {
      String entry = ref.entryPoint();
      if (entry != null && !IDENTIFIER.matcher(entry).matches()) {
        throw refused("reference.entry_point must be an identifier, got " + entry);
      }
      snippets.add(entry != null && s.contains("check(") ? s + "\ncheck(" + entry + ")\n" : s);
    } else if (raw instanceof List<?> list && !list.isEmpty()) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw refused("reference.assert must list strings of test code");
        }
        snippets.add(s);
      }
    } else {
      throw refused(
          "reference.assert must be test code (a string) or a non-empty list of assert"
              + " statements");
    }
    if (snippets.stream().anyMatch(String::isBlank)) {
      throw refused("reference.assert holds an empty test");
    }
    String setup = ref.setup() == null ? "" : ref.setup();
    List<TestCase> cases = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      cases.add(new TestCase(i + "\n", null, null, abbreviate(snippets.get(i), 200)));
    }
    return new TestSpec(
        TestSpec.Kind.ASSERT, ref.language(), cases, snippets, setup, null, null, null);
  }

  private static TestSpec function(CodeReference ref) {
    String fn = ref.fnName();
    if (!IDENTIFIER.matcher(fn).matches()) {
      throw refused("reference.fn_name must be an identifier, got " + fn);
    }
    List<TestCase> cases = new ArrayList<>();
    if (ref.cases() != null) {
      for (int i = 0; i < ref.cases().size(); i++) {
        CallCase c = ref.cases().get(i);
        String at = "reference.cases[" + i + "]";
        if (c == null) {
          throw refused(at + " must be {\"args\": [...], \"expected\": value}");
        }
        if (c.args() == null || c.expected() == null) {
          throw refused(at + (c.args() == null ? ".args" : ".expected") + " is missing");
        }
        cases.add(call(c.args(), Json.value(c.expected()), at + ".args"));
      }
    } else if (ref.inputs() != null && ref.outputs() != null) {
      cases.addAll(
          zip(ref.inputs(), ref.outputs(), (in, out) -> call(in, out, "each of reference.inputs")));
    }
    if (cases.isEmpty()) {
      throw refused(
          "reference.fn_name needs 'cases' [{\"args\": [...], \"expected\": ...}] or"
              + " 'inputs'/'outputs'");
    }
    return new TestSpec(
        TestSpec.Kind.FUNCTION,
        ref.language(),
        cases,
        List.of(),
        "",
        fn,
        null,
        ref.floatTolerance());
  }

  private static TestCase call(Object args, Object expected, String what) {
    if (!(args instanceof List<?> list)) {
      throw refused(what + " must be a list of arguments, got " + abbreviate(args + "", 60));
    }
    String json = Json.write(list);
    return new TestCase(json, null, expected, abbreviate(json, 200));
  }

  private static List<TestCase> stdio(CodeReference ref) {
    List<TestCase> cases = new ArrayList<>();
    if (ref.tests() != null) {
      for (int i = 0; i < ref.tests().size(); i++) {
        StdioTest t = ref.tests().get(i);
        if (t == null) {
          throw refused("reference.tests[" + i + "] must be {\"stdin\": …, \"stdout\": …}");
        }
        String in = t.stdin() != null ? t.stdin() : t.input();
        String out = t.stdout() != null ? t.stdout() : t.output();
        if (out == null) {
          throw refused("reference.tests[" + i + "].stdout is missing");
        }
        cases.add(stdioCase(in, out));
      }
    } else if (ref.outputs() != null) {
      cases.addAll(zip(ref.inputs(), ref.outputs(), TestSpecParser::stdioCase));
    } else {
      throw refused("reference.inputs needs reference.outputs");
    }
    if (cases.isEmpty()) {
      throw refused("reference has an empty list of tests");
    }
    return cases;
  }

  private static TestCase stdioCase(Object in, Object out) {
    if (!(out instanceof String expected)) {
      throw refused("each of reference.outputs must be the expected stdout (a string)");
    }
    if (in != null && !(in instanceof String)) {
      throw refused("each of reference.inputs must be a stdin string");
    }
    String stdin = in == null ? "" : (String) in;
    return new TestCase(stdin, expected, null, abbreviate(stdin, 120));
  }

  /** APPS-style parallel {@code inputs} / {@code outputs} lists zipped by {@code toCase}. */
  private static List<TestCase> zip(
      List<Object> in, List<Object> out, BiFunction<Object, Object, TestCase> toCase) {
    if (in.size() != out.size()) {
      throw refused(
          "reference.inputs has " + in.size() + " entries but reference.outputs has " + out.size());
    }
    List<TestCase> cases = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      cases.add(toCase.apply(in.get(i), out.get(i)));
    }
    return cases;
  }

  private static InvalidItemException refused(String message) {
    return InvalidItemException.reference(message);
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
