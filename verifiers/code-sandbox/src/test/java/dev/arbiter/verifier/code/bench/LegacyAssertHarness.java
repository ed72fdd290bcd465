package dev.arbiter.verifier.code.bench;

import dev.arbiter.verifier.code.spec.Json;
import java.util.List;

/**
 * The assert harness as it was before issue 12 (the solution followed by a dispatcher that runs one
 * snippet and prints a sentinel), kept only as the baseline of {@link AssertHarnessBench}. It is
 * forgeable; nothing outside the benchmark uses it.
 */
final class LegacyAssertHarness {

  private LegacyAssertHarness() {}

  static String program(String language, String solution, List<String> tests, String setup) {
    String sentinel = "__arbiter_done_0123456789abcdef";
    return solution
        + switch (language) {
          case "python" ->
              "\n\ndef _arbiter_run():\n"
                  + "    import sys as _arbiter_sys\n"
                  + "    _i = int(_arbiter_sys.stdin.readline())\n"
                  + "    _setup = "
                  + Json.write(setup)
                  + "\n    _tests = ["
                  + String.join(", ", tests.stream().map(Json::write).toList())
                  + "]\n"
                  + "    exec(compile(_setup + '\\n' + _tests[_i], '<test>', 'exec'), globals())\n"
                  + "    _arbiter_sys.stdout.write('\\n' + '"
                  + sentinel
                  + "' + '\\n')\n"
                  + "    _arbiter_sys.stdout.flush()\n\n"
                  + "_arbiter_run()\n";
          case "javascript" ->
              "\n;"
                  + setup
                  + "\n;{\n"
                  + "const __arbiterI = parseInt(require('fs').readFileSync(0, 'utf8'), 10);\n"
                  + "const __arbiterTests = ["
                  + String.join(", ", tests.stream().map(Json::write).toList())
                  + "];\n"
                  + "eval(__arbiterTests[__arbiterI]);\n"
                  + "process.stdout.write('\\n' + '"
                  + sentinel
                  + "' + '\\n');\n}\n";
          case "cpp" -> cpp(tests, setup, sentinel);
          default -> bash(tests, setup, sentinel);
        };
  }

  private static String cpp(List<String> tests, String setup, String sentinel) {
    StringBuilder s =
        new StringBuilder("\n#include <cassert>\n#include <cstdio>\n#include <iostream>\n");
    s.append(setup).append("\nint main() {\n  int __arbiter_i = -1;\n");
    s.append("  if (std::scanf(\"%d\", &__arbiter_i) != 1) return 3;\n  switch (__arbiter_i) {\n");
    for (int i = 0; i < tests.size(); i++) {
      s.append("  case ").append(i).append(": {\n").append(tests.get(i)).append("\n  } break;\n");
    }
    s.append("  default: return 3;\n  }\n");
    s.append("  std::cout << std::endl << \"").append(sentinel).append("\" << std::endl;\n");
    return s.append("  return 0;\n}\n").toString();
  }

  private static String bash(List<String> tests, String setup, String sentinel) {
    StringBuilder s = new StringBuilder("\n").append(setup).append("\nread -r __arbiter_i\n");
    s.append("case \"$__arbiter_i\" in\n");
    for (int i = 0; i < tests.size(); i++) {
      s.append(i).append(")\n").append(tests.get(i)).append("\n;;\n");
    }
    s.append("*) exit 3 ;;\nesac\n");
    return s.append("printf '\\n%s\\n' '").append(sentinel).append("'\n").toString();
  }
}
