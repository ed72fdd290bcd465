package dev.arbiter.verifier.code.spec;

import java.util.List;

/**
 * Builds the program that runs: the solution alone (stdin/stdout, plain run), or the solution
 * followed by a dispatcher that reads the case index (assert) or the JSON arguments (function call)
 * from stdin, runs that one case, and prints the per-item random sentinel only after it returned. A
 * program that exits early — {@code exit(0)} before the asserts — never prints it.
 */
public final class Harness {

  private Harness() {}

  /** The full program for {@code spec} in {@code language}. */
  public static String program(String language, String solution, TestSpec spec, String sentinel) {
    return switch (spec.kind()) {
      case STDIO, RUN -> solution;
      case ASSERT -> solution + asserts(language, spec, sentinel);
      case FUNCTION -> solution + function(language, spec.fnName(), sentinel);
    };
  }

  /** Which languages a reference kind supports; null when all do. */
  public static List<String> supportedLanguages(TestSpec.Kind kind) {
    return switch (kind) {
      case STDIO, RUN -> null;
      case ASSERT -> List.of("python", "javascript", "cpp", "bash");
      case FUNCTION -> List.of("python", "javascript");
    };
  }

  private static String asserts(String language, TestSpec spec, String sentinel) {
    List<String> tests = spec.snippets();
    String setup = spec.setup();
    return switch (language) {
      case "python" ->
          "\n\ndef _arbiter_run():\n"
              + "    import sys as _arbiter_sys\n"
              + "    _i = int(_arbiter_sys.stdin.readline())\n"
              + "    _setup = "
              + pyString(setup)
              + "\n    _tests = ["
              + String.join(", ", tests.stream().map(Harness::pyString).toList())
              + "]\n"
              + "    exec(compile(_setup + '\\n' + _tests[_i], '<test>', 'exec'), globals())\n"
              + "    _arbiter_sys.stdout.write('\\n' + "
              + pyString(sentinel)
              + " + '\\n')\n"
              + "    _arbiter_sys.stdout.flush()\n\n"
              + "_arbiter_run()\n";
      case "javascript" ->
          "\n;"
              + setup
              + "\n;{\n"
              + "const __arbiterI = parseInt(require('fs').readFileSync(0, 'utf8'), 10);\n"
              + "const __arbiterTests = ["
              + String.join(", ", tests.stream().map(Harness::jsString).toList())
              + "];\n"
              + "eval(__arbiterTests[__arbiterI]);\n"
              + "process.stdout.write('\\n' + "
              + jsString(sentinel)
              + " + '\\n');\n}\n";
      case "cpp" -> cppAsserts(tests, setup, sentinel);
      case "bash" -> bashAsserts(tests, setup, sentinel);
      default ->
          throw new IllegalArgumentException("assert-style tests do not support " + language);
    };
  }

  private static String cppAsserts(List<String> tests, String setup, String sentinel) {
    StringBuilder s =
        new StringBuilder("\n#include <cassert>\n#include <cstdio>\n#include <iostream>\n");
    s.append(setup).append("\nint main() {\n  int __arbiter_i = -1;\n");
    s.append("  if (std::scanf(\"%d\", &__arbiter_i) != 1) return 3;\n  switch (__arbiter_i) {\n");
    for (int i = 0; i < tests.size(); i++) {
      s.append("  case ").append(i).append(": {\n").append(tests.get(i)).append("\n  } break;\n");
    }
    s.append("  default: return 3;\n  }\n");
    s.append("  std::cout << std::endl << ").append(cString(sentinel)).append(" << std::endl;\n");
    s.append("  return 0;\n}\n");
    return s.toString();
  }

  private static String bashAsserts(List<String> tests, String setup, String sentinel) {
    StringBuilder s = new StringBuilder("\n").append(setup).append("\nread -r __arbiter_i\n");
    s.append("case \"$__arbiter_i\" in\n");
    for (int i = 0; i < tests.size(); i++) {
      s.append(i).append(")\n").append(tests.get(i)).append("\n;;\n");
    }
    s.append("*) exit 3 ;;\nesac\n");
    s.append("printf '\\n%s\\n' '").append(sentinel).append("'\n");
    return s.toString();
  }

  private static String function(String language, String fn, String sentinel) {
    return switch (language) {
      case "python" ->
          "\n\ndef _arbiter_call():\n"
              + "    import json as _j, sys as _s\n"
              + "    _args = _j.loads(_s.stdin.read())\n"
              + "    _g = globals()\n"
              + "    _f = _g.get('"
              + fn
              + "')\n"
              + "    if _f is None and 'Solution' in _g:\n"
              + "        _f = getattr(_g['Solution'](), '"
              + fn
              + "')\n"
              + "    _r = _f(*_args)\n"
              + "    _s.stdout.write('\\n' + "
              + pyString(sentinel)
              + " + _j.dumps(_r) + '\\n')\n"
              + "    _s.stdout.flush()\n\n"
              + "_arbiter_call()\n";
      case "javascript" ->
          "\n;{\n"
              + "const __arbiterArgs = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              + "const __arbiterF = typeof "
              + fn
              + " === 'function' ? "
              + fn
              + " : (s => s."
              + fn
              + ".bind(s))(new Solution());\n"
              + "const __arbiterR = __arbiterF(...__arbiterArgs);\n"
              + "process.stdout.write('\\n' + "
              + jsString(sentinel)
              + " + JSON.stringify(__arbiterR) + '\\n');\n}\n";
      default -> throw new IllegalArgumentException("fn_name cases do not support " + language);
    };
  }

  /** The value the function returned, from the sentinel line; null when there is none. */
  public static String returnedJson(String stdout, String sentinel) {
    String found = null;
    for (String line : stdout.split("\n")) {
      if (line.startsWith(sentinel)) {
        found = line.substring(sentinel.length());
      }
    }
    return found;
  }

  /** Whether the last non-blank line of {@code stdout} is the sentinel. */
  public static boolean finished(String stdout, String sentinel) {
    String trimmed = stdout.stripTrailing();
    int nl = trimmed.lastIndexOf('\n');
    return trimmed.substring(nl + 1).equals(sentinel);
  }

  static String pyString(String s) {
    StringBuilder b = new StringBuilder("'");
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                  if (c >= 0x20 && c <= 0x7e) {
                    b.append((char) c);
                  } else if (c <= 0xffff) {
                    b.append(String.format("\\u%04x", c));
                  } else {
                    b.append(String.format("\\U%08x", c));
                  }
                }
              }
            });
    return b.append('\'').toString();
  }

  static String jsString(String s) {
    return Json.write(s);
  }

  static String cString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
