package dev.arbiter.verifier.code;

import static dev.arbiter.verifier.code.TestSandboxes.fenced;
import static dev.arbiter.verifier.code.TestSandboxes.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes profile (README, "Privileges"): no cgroup and no /proc in the sandbox. Python,
 * JavaScript, C++, Bash and Java still run and the limits still hold through rlimits alone. Java
 * needs the JDK's lib/ named for the loader: its launcher's {@code $ORIGIN/../lib} run path cannot
 * be resolved without /proc/self/exe.
 */
class PodProfileTest {

  @Test
  void languagesRunWithoutProcAndCgroups() {
    BubblewrapSandbox sandbox =
        new BubblewrapSandbox(
            new BubblewrapSandbox.Settings(
                "bwrap",
                1,
                61500,
                Path.of(System.getProperty("java.io.tmpdir"), "arbiter-sandbox-pod"),
                false,
                Duration.ofSeconds(60),
                false));
    assertThat(sandbox.describe()).contains("cgroups disabled");
    Languages languages =
        Languages.detect(sandbox, List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin")));
    CodeScorer scorer = TestSandboxes.scorer(sandbox, languages);
    Map<String, String> programs =
        Map.of(
            "python",
            "a, b = map(int, input().split())\nprint(a + b)",
            "javascript",
            "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(' ').map(Number);\n"
                + "console.log(a + b);",
            "cpp",
            "#include <iostream>\nint main() { int a, b; std::cin >> a >> b; std::cout << a + b; }",
            "bash",
            "read a b\necho $((a + b))",
            "java",
            "import java.util.*;\npublic class Main { public static void main(String[] x) {"
                + " Scanner s = new Scanner(System.in);"
                + " System.out.println(s.nextInt() + s.nextInt()); } }");
    programs.forEach(
        (lang, code) -> {
          assertThat(languages.find(lang).orElseThrow().available()).as(lang).isTrue();
          ScoreResult r =
              scorer.score(
                  item(
                      fenced(lang, code),
                      TestSandboxes.stdio(lang, "2 3\n", "5\n"),
                      // a loaded host must not turn a start-up (JVM, Node) into a timeout
                      Map.of("run_timeout_s", 10)));
          assertThat(r.reward()).as("%s %s", lang, r.details()).isEqualTo(1.0);
        });
    ScoreResult bomb =
        scorer.score(
            item(
                fenced(
                    "python",
                    "import os\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n"
                        + "            import time; time.sleep(30)\n        n += 1\nexcept OSError:\n    print(n)"),
                Map.of("language", "python", "run", true),
                // the run's own wall limit, not the machine's load, must not decide this
                Map.of("run_timeout_s", 10)));
    Map<String, Object> forks = TestSandboxes.tests(bomb).get(0);
    assertThat(forks).as("%s", forks).containsEntry("outcome", "passed");
    // rlimits alone (no pids cgroup) stop the bomb: fewer forks than the process limit
    assertThat(Integer.parseInt(((String) forks.get("stdout")).strip()))
        .isPositive()
        .isLessThan(TestSandboxes.fastDefaults().processes());
  }
}
