package dev.arbiter.verifier.code.spec;

import java.util.List;

/**
 * Builds the program that runs for stdin/stdout, plain-run and function-call references: the
 * solution alone, or the solution followed by a driver that reads the JSON arguments from stdin,
 * calls the function, and prints the per-item random sentinel and the result as JSON. Assert
 * references have their own harness ({@link AssertSuite}).
 */
public final class Harness {

  private Harness() {}

  /** The full program for {@code spec} in {@code language} (not for assert references). */
  public static String program(String language, String solution, TestSpec spec, String sentinel) {
    return switch (spec.kind()) {
      case STDIO, RUN -> solution;
      case ASSERT ->
          throw new IllegalArgumentException("assert references run through AssertSuite");
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
