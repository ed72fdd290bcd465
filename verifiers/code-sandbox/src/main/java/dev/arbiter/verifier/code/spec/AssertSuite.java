package dev.arbiter.verifier.code.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The assert tests of one item, split into value probes or in-process tests ({@link AssertPlan}),
 * and the harness that runs them: the program, the per-run stdin (which carries the run's nonce
 * and, for Python and JavaScript, the tests themselves), and the verdict read back from the
 * records. See the module README for each language's threat model.
 */
public final class AssertSuite {

  /** How one run of an assert test ended, as far as the records say. */
  public enum Outcome {
    PASSED,
    /** A check did not hold, or no proof of completion. */
    FAILED,
    /** The candidate expression raised. */
    RAISED
  }

  /**
   * @param outcome the verdict
   * @param reason why it failed (null when passed)
   * @param expected what was expected, for details (null when unknown)
   * @param actual what the program's value was, for details (null when unknown)
   */
  public record Verdict(Outcome outcome, String reason, String expected, String actual) {}

  private static final String PY = resource("harness.py");
  private static final String JS = resource("harness.js");
  private static final String CPP = resource("harness.hpp");
  private static final Pattern OPERATOR = Pattern.compile("\\boperator\\b|##|%:%:");
  private static final Pattern NODE_MAJOR = Pattern.compile("v?(\\d+)\\.");
  private static final Pattern DEFINE =
      Pattern.compile("(?m)^[ \\t]*(?:#|%:|\\?\\?=)[ \\t]*define[ \\t]+([A-Za-z_][A-Za-z0-9_]*)");

  private final String language;
  private final List<AssertPlan> plans;
  private final String setup;
  private final String marker;
  private final String namespace;

  private AssertSuite(
      String language, List<AssertPlan> plans, String setup, String marker, String namespace) {
    this.language = language;
    this.plans = plans;
    this.setup = setup;
    this.marker = marker;
    this.namespace = namespace;
  }

  /**
   * Splits each assert snippet of {@code spec} for {@code language}.
   *
   * @param token a per-item random token (hex) for the record marker and C++ names
   * @throws IllegalArgumentException when a snippet cannot be run safely (Bash shapes without a
   *     probe form)
   */
  public static AssertSuite prepare(String language, TestSpec spec, String token) {
    List<AssertPlan> plans = new ArrayList<>();
    for (String snippet : spec.snippets()) {
      plans.add(
          switch (language) {
            case "python" -> PythonAsserts.plan(snippet);
            case "javascript" -> JsAsserts.plan(snippet);
            case "cpp" -> CppAsserts.plan(snippet);
            case "bash" -> BashAsserts.plan(snippet);
            default ->
                throw new IllegalArgumentException("assert-style tests do not support " + language);
          });
    }
    return new AssertSuite(
        language, List.copyOf(plans), spec.setup(), "__arbiter_rec_" + token, "arbiter_" + token);
  }

  public List<AssertPlan> plans() {
    return plans;
  }

  /** How many tests run as value probes (the rest run in-process). */
  public long valueTests() {
    return plans.stream().filter(AssertPlan::values).count();
  }

  /** The program's main source file. */
  public String program(String solution) {
    return switch (language) {
      case "python" -> PY.replace("MARKER)", Harness.pyString(marker) + ")");
      case "javascript" -> JS.replace("__MARKER__", Harness.jsString(marker));
      case "cpp" -> cpp(solution);
      default -> bash(solution);
    };
  }

  /** Files besides the main source: the solution itself for Python and JavaScript. */
  public Map<String, String> extraFiles(String solution) {
    return switch (language) {
      case "python" -> Map.of("solution.py", solution);
      case "javascript" -> Map.of("solution.js", solution);
      default -> Map.of();
    };
  }

  /**
   * Why test {@code index} cannot run for {@code solution}, or null. C++ in-process tests evaluate
   * the test's own comparisons inside the program, where operators and conversions the solution
   * defines would take part (a global {@code operator==} that is always true); such solutions fail
   * those tests. Value tests never call a comparison operator and are not affected.
   */
  public String refusal(int index, String solution) {
    if (!language.equals("cpp") || plans.get(index).values()) {
      return null;
    }
    if (OPERATOR.matcher(solution).find()) {
      return "this test runs inside the program, where a solution defining its own operators,"
          + " conversions or token pasting could decide it; such solutions fail it";
    }
    return null;
  }

  /** Whether the main source must leave the box after compiling (it holds in-process tests). */
  public boolean removeSourceAfterCompile() {
    return language.equals("cpp");
  }

  /**
   * The run command: Node 20+ runs under its permission model (see the README); older Node (Debian
   * 12 ships 18) has none and runs without it.
   *
   * @param version what the toolchain reported, e.g. {@code v20.20.2}; may be null
   */
  public List<String> command(List<String> base, String version) {
    if (!language.equals("javascript") || !permissionModel(version)) {
      return base;
    }
    List<String> c = new ArrayList<>(base.subList(0, 1));
    c.addAll(List.of("--experimental-permission", "--allow-fs-read=/box/*", "--no-warnings"));
    c.addAll(base.subList(1, base.size()));
    return c;
  }

  /**
   * Why these tests cannot be verified with {@code version} of the toolchain, or null. JavaScript
   * tests that must run inside the program rely on Node 20+'s permission model: without it the
   * program could read the run's nonce back (its stdin through {@code /proc}) and forge the proof
   * of completion, so such tests are not graded at all (the item is {@code invalid_reference}).
   */
  public String unverifiable(String version) {
    if (!language.equals("javascript")
        || permissionModel(version)
        || plans.stream().allMatch(AssertPlan::values)) {
      return null;
    }
    return "these JavaScript asserts must run inside the program, which is tamper-evident only"
        + " under Node 20+'s permission model (this host runs "
        + (version == null ? "an unknown Node" : "Node " + version)
        + "); write them as equality asserts (assert.strictEqual(f(x), y)) or run Node 20+";
  }

  static boolean permissionModel(String version) {
    Matcher m = NODE_MAJOR.matcher(version == null ? "" : version);
    return m.find() && Integer.parseInt(m.group(1)) >= 20;
  }

  /** Standard input of test {@code index}'s run. */
  public String stdin(int index, String nonce) {
    AssertPlan p = plans.get(index);
    String mode = p.values() ? "v" : "f";
    if (language.equals("cpp") || language.equals("bash")) {
      return index + "\n" + nonce + "\n" + mode + "\n";
    }
    StringBuilder b = new StringBuilder(nonce).append('\n').append(mode).append('\n');
    String fullSetup = setup.isEmpty() ? p.setup() : setup + "\n" + p.setup();
    frame(b, fullSetup);
    frame(b, p.alias());
    if (p.values()) {
      p.probes().forEach(probe -> frame(b, probe.expression()));
    } else {
      frame(b, p.inProcess());
    }
    return b.toString();
  }

  private static void frame(StringBuilder b, String s) {
    b.append(s.getBytes(StandardCharsets.UTF_8).length).append(':').append(s);
  }

  /** The verdict of test {@code index} from the run's stdout (exit status 0 already checked). */
  public Verdict judge(int index, String stdout, String nonce) {
    AssertPlan p = plans.get(index);
    Records.Read read = Records.read(stdout, marker, nonce);
    if (!p.values()) {
      return read.ok() == 1
          ? new Verdict(Outcome.PASSED, null, null, null)
          : new Verdict(Outcome.FAILED, "exited before the tests finished", null, null);
    }
    for (int j = 0; j < p.probes().size(); j++) {
      Probe probe = p.probes().get(j);
      if (read.conflicts().contains(j)) {
        return new Verdict(Outcome.FAILED, "two results for one check", null, null);
      }
      Value v = read.values().get(j);
      if (v == null) {
        return new Verdict(Outcome.FAILED, "exited before the tests finished", null, null);
      }
      if (v instanceof Value.Opaque o && Value.RAISED.equals(o.what())) {
        return new Verdict(
            Outcome.RAISED, "raised: " + probe.expression(), probe.check().describe(), null);
      }
      if (!probe.check().holds(v)) {
        String why =
            v instanceof Value.Opaque
                ? "returned something that is not plain data"
                : "check failed: " + probe.expression();
        return new Verdict(Outcome.FAILED, why, probe.check().describe(), Value.show(v));
      }
    }
    return new Verdict(Outcome.PASSED, null, null, null);
  }

  private String cpp(String solution) {
    String ns = namespace;
    StringBuilder s = new StringBuilder();
    if (plans.stream().anyMatch(p -> !p.values())) {
      // in-process test code is compiled as written; give it what the old harness's headers did
      s.append("#include <cassert>\n#include <cmath>\n#include <cstdio>\n#include <iostream>\n")
          .append("#include <string>\n#include <vector>\n");
    }
    s.append(CPP.replace("__NS__", ns).replace("__MARKER__", Harness.cString(marker)));
    s.append("\n#line 1 \"solution.cpp\"\n").append(solution).append('\n');
    for (String name : definedMacros(solution)) {
      s.append("#undef ").append(name).append('\n');
    }
    s.append("#undef NDEBUG\n#undef assert\n#define __ARBITER_CHECK(...) ")
        .append(ns)
        .append("::check(static_cast<bool>(__VA_ARGS__))\n");
    s.append(setup).append("\nint main() {\n  switch (").append(ns).append("::test_case) {\n");
    for (int i = 0; i < plans.size(); i++) {
      AssertPlan p = plans.get(i);
      s.append("  case ").append(i).append(": {\n");
      if (!p.alias().isEmpty()) {
        String[] a = p.alias().split("=", 2);
        s.append("    auto ").append(a[0]).append(" = ").append(a[1]).append(";\n");
      }
      if (p.values()) {
        for (int j = 0; j < p.probes().size(); j++) {
          s.append("    ").append(ns).append("::probe(").append(j).append(", [&]() { return (");
          s.append(p.probes().get(j).expression()).append("\n); });\n");
        }
        s.append("    ").append(ns).append("::done();\n");
      } else {
        s.append("    [&]() {\n").append(p.inProcess()).append("\n    }();\n");
        s.append("    ").append(ns).append("::ok();\n");
      }
      s.append("  } break;\n");
    }
    s.append("  default: return 3;\n  }\n  return 3;\n}\n");
    return s.toString();
  }

  /** Macro names the solution defines (comments stripped, continuations joined). */
  static Set<String> definedMacros(String solution) {
    String joined =
        solution
            .replace("\\\r\n", "")
            .replace("\\\n", "")
            .replaceAll("(?s)/\\*.*?\\*/", " ")
            .replaceAll("//[^\n]*", "");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = DEFINE.matcher(joined);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private String bash(String solution) {
    String r = namespace;
    StringBuilder s = new StringBuilder(solution).append('\n').append(setup).append('\n');
    s.append("__arb_hex_")
        .append(r)
        .append("() { local LC_ALL=C s=\"$1\" i c out=; ")
        .append(
            "for ((i = 0; i < ${#s}; i++)); do printf -v c '%02x' \"'${s:i:1}\"; out+=$c; done; ")
        .append("__arb_out_")
        .append(r)
        .append("=$out; }\n");
    s.append("__arb_emit_")
        .append(r)
        .append("() { __arb_hex_")
        .append(r)
        .append(" \"$2\"; ")
        .append("printf '\\n%s %s %s s%s;\\n' '")
        .append(marker)
        .append("' \"$__arb_n_")
        .append(r)
        .append("\" \"$1\" \"$__arb_out_")
        .append(r)
        .append("\"; }\n");
    s.append("IFS= read -r __arb_c_")
        .append(r)
        .append("; IFS= read -r __arb_n_")
        .append(r)
        .append("\nexec 0</dev/null\n");
    s.append("case \"$__arb_c_").append(r).append("\" in\n");
    for (int i = 0; i < plans.size(); i++) {
      s.append(i).append(")\n");
      List<Probe> probes = plans.get(i).probes();
      for (int j = 0; j < probes.size(); j++) {
        s.append("__arb_v_")
            .append(r)
            .append("=$(")
            .append(probes.get(j).expression())
            .append("\n) || true\n");
        s.append("__arb_emit_")
            .append(r)
            .append(' ')
            .append(j)
            .append(" \"$__arb_v_")
            .append(r)
            .append("\"\n");
      }
      s.append(";;\n");
    }
    s.append("esac\n");
    return s.toString();
  }

  private static String resource(String name) {
    try (InputStream in = AssertSuite.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing harness resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
