package dev.arbiter.verifier.code;

import static dev.arbiter.verifier.code.TestSandboxes.fenced;
import static dev.arbiter.verifier.code.TestSandboxes.item;
import static dev.arbiter.verifier.code.TestSandboxes.stdio;
import static dev.arbiter.verifier.code.TestSandboxes.tests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeScorerTest {

  private static final CodeScorer SCORER = TestSandboxes.scorer();

  private static final Map<String, Object> ADD =
      stdio("python", "1 2\n", "3\n", "5 7\n", "12\n", "-1 1\n", "0\n");

  @Test
  void score_pythonStdioAllPass() {
    ScoreResult r =
        SCORER.score(
            item(
                fenced("python", "a, b = map(int, input().split())\nprint(a + b)"), ADD, Map.of()));
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.reward()).isEqualTo(1.0);
    assertThat(r.details()).containsEntry("passed", 3).containsEntry("verdict", "accepted");
  }

  @Test
  void score_partialPassIsFraction() {
    String wrong = "a, b = map(int, input().split())\nprint(a + b if a > 0 else 99)";
    ScoreResult r = SCORER.score(item(fenced("python", wrong), ADD, Map.of()));
    assertThat(r.reward()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(tests(r).get(2))
        .containsEntry("outcome", "wrong_answer")
        .containsEntry("actual", "99\n");
  }

  @Test
  void score_allOrNothingAndFailFast() {
    String wrong = "a, b = map(int, input().split())\nprint(a + b if a != 1 else 0)";
    ScoreResult all = SCORER.score(item(fenced("python", wrong), ADD, Map.of("reward", "all")));
    assertThat(all.reward()).isEqualTo(0.0);
    assertThat(tests(all))
        .extracting(t -> t.get("outcome"))
        .containsExactly("wrong_answer", "passed", "passed");
    ScoreResult ff =
        SCORER.score(item(fenced("python", wrong), ADD, Map.of("reward", "fail_fast")));
    assertThat(ff.reward()).isEqualTo(0.0);
    assertThat(tests(ff))
        .extracting(t -> t.get("outcome"))
        .containsExactly("wrong_answer", "not_run", "not_run");
  }

  @Test
  void score_compareModes() {
    Map<String, Object> ref = stdio("python", "", "0.3333333\n");
    String code = "print(1/3, '  ')\n\n";
    assertThat(SCORER.score(item(fenced("py", code), ref, Map.of())).reward()).isEqualTo(0.0);
    assertThat(SCORER.score(item(fenced("py", code), ref, Map.of("compare", "float"))).reward())
        .isEqualTo(1.0);
    Map<String, Object> ws = stdio("python", "", "a b\n");
    assertThat(SCORER.score(item(fenced("py", "print('a b   ')\nprint()"), ws, Map.of())).reward())
        .isEqualTo(1.0);
    assertThat(
            SCORER
                .score(item(fenced("py", "print('a b   ')"), ws, Map.of("compare", "exact")))
                .reward())
        .isEqualTo(0.0);
  }

  @Test
  void score_humanEvalCheckWithEntryPoint() {
    Map<String, Object> ref =
        Map.of(
            "language", "python",
            "assert",
                "def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(0, 0) == 0\n",
            "entry_point", "add");
    assertThat(
            SCORER
                .score(item(fenced("python", "def add(a, b):\n    return a + b"), ref, Map.of()))
                .reward())
        .isEqualTo(1.0);
    ScoreResult wrong =
        SCORER.score(item(fenced("python", "def add(a, b):\n    return a * b"), ref, Map.of()));
    assertThat(wrong.reward()).isEqualTo(0.0);
    assertThat(tests(wrong).get(0)).containsEntry("outcome", "wrong_answer");
  }

  @Test
  void score_mbppAssertListEachItsOwnRun() {
    Map<String, Object> ref =
        Map.of(
            "language", "python",
            "assert", List.of("assert sq(2) == 4", "assert sq(3) == 9", "assert sq(-1) == 2"),
            "setup", "import math");
    ScoreResult r =
        SCORER.score(item(fenced("python", "def sq(x):\n    return x * x"), ref, Map.of()));
    assertThat(r.reward()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(tests(r))
        .extracting(t -> t.get("outcome"))
        .containsExactly("passed", "passed", "wrong_answer");
  }

  @Test
  void score_assertsWithQuotesBackslashesAndNonAsciiSurviveTheHarness() {
    Map<String, Object> ref =
        Map.of(
            "language",
            "python",
            "assert",
            List.of(
                "assert rev('h\u00e9llo\uD83D\uDE00') == '\uD83D\uDE00oll\u00e9h'",
                "assert rev('a\\\\b\"') == '\"b\\\\a'"));
    ScoreResult r =
        SCORER.score(item(fenced("python", "def rev(s):\n    return s[::-1]"), ref, Map.of()));
    assertThat(r.reward()).as("%s", r.details()).isEqualTo(1.0);
  }

  @Test
  void score_exitZeroBeforeAssertsFails() {
    Map<String, Object> ref =
        Map.of("language", "python", "assert", List.of("assert f() == 1", "assert f() == 2"));
    String cheat = "import sys\ndef f():\n    return 0\nsys.exit(0)";
    ScoreResult r = SCORER.score(item(fenced("python", cheat), ref, Map.of()));
    assertThat(r.reward()).isEqualTo(0.0);
    // SystemExit while the solution loads: the harness reports it and exits non-zero
    assertThat(tests(r).get(0)).containsEntry("outcome", "runtime_error");
    String osExit = "import os\ndef f():\n    os._exit(0)";
    ScoreResult early = SCORER.score(item(fenced("python", osExit), ref, Map.of()));
    assertThat(early.reward()).isEqualTo(0.0);
    assertThat(tests(early).get(0)).containsEntry("reason", "exited before the tests finished");
  }

  @Test
  void score_timedOutTestMarksTheVerdictLoadDependent() {
    Map<String, Object> ref =
        Map.of("language", "python", "assert", List.of("assert f(1) == 1", "assert f(2) == 2"));
    String code = "def f(x):\n    while x == 2:\n        pass\n    return x";
    ScoreResult r = SCORER.score(item(fenced("python", code), ref, Map.of()));
    assertThat(tests(r)).extracting(t -> t.get("outcome")).containsExactly("passed", "timeout");
    assertThat(r.details()).containsEntry(ScoreResult.LOAD_DEPENDENT, true);
    assertThat(r.loadDependent()).isTrue();
    ScoreResult quick =
        SCORER.score(item(fenced("python", "def f(x):\n    return x"), ref, Map.of()));
    assertThat(quick.details()).doesNotContainKey(ScoreResult.LOAD_DEPENDENT);
  }

  @Test
  void score_functionCallPythonAndSolutionClass() {
    Map<String, Object> ref =
        Map.of(
            "language", "python",
            "fn_name", "twoSum",
            "cases",
                List.of(
                    Map.of("args", List.of(List.of(2, 7, 11, 15), 9), "expected", List.of(0, 1)),
                    Map.of("args", List.of(List.of(3, 2, 4), 6), "expected", List.of(1, 2))));
    String code =
        "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
            + "        for i, n in enumerate(nums):\n            if target - n in seen:\n"
            + "                return (seen[target - n], i)\n            seen[n] = i\n";
    assertThat(SCORER.score(item(fenced("python", code), ref, Map.of())).reward()).isEqualTo(1.0);
  }

  @Test
  void score_functionCallJavascriptFloatTolerance() {
    Map<String, Object> ref =
        Map.of(
            "language", "javascript",
            "fn_name", "avg",
            "cases",
                List.of(
                    Map.of("args", List.of(List.of(1, 2)), "expected", 1.5),
                    Map.of("args", List.of(List.of(1, 1, 2)), "expected", 1.3333333)));
    String code = "function avg(xs) { return xs.reduce((a, b) => a + b, 0) / xs.length; }";
    ScoreResult r = SCORER.score(item(fenced("javascript", code), ref, Map.of()));
    assertThat(r.reward()).isEqualTo(1.0);
  }

  @Test
  void score_cppCompilesOnceAndRuns() {
    Map<String, Object> ref = Map.of("language", "cpp", "tests", ADD.get("tests"));
    String code =
        "#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a + b << \"\\n\"; }";
    ScoreResult r = SCORER.score(item(fenced("cpp", code), ref, Map.of()));
    assertThat(r.reward()).isEqualTo(1.0);
    assertThat(r.details()).containsKey("compile_ms");
  }

  @Test
  void score_cppCompileErrorIsAVerdictWithConfigurableReward() {
    Map<String, Object> ref = Map.of("language", "cpp", "tests", ADD.get("tests"));
    ScoreResult r =
        SCORER.score(
            item(
                fenced("cpp", "int main() { return x; }"),
                ref,
                Map.of("compile_error_reward", -1)));
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.reward()).isEqualTo(-1.0);
    assertThat(r.details()).containsEntry("verdict", "compile_error");
    assertThat((String) r.details().get("compile_stderr"))
        .contains("was not declared in this scope");
  }

  @Test
  void score_cppAssertStatements() {
    Map<String, Object> ref =
        Map.of(
            "language",
            "cpp",
            "assert",
            List.of("assert(twice(2) == 4);", "assert(twice(5) == 11);"));
    ScoreResult r =
        SCORER.score(item(fenced("cpp", "int twice(int x) { return 2 * x; }"), ref, Map.of()));
    assertThat(tests(r))
        .extracting(t -> t.get("outcome"))
        .containsExactly("passed", "wrong_answer");
    // the expected side stayed in Java: the program only reported twice(5)
    assertThat(tests(r).get(1)).containsEntry("expected", "== 11").containsEntry("actual", "10");
  }

  @Test
  void score_javaSingleFile() {
    Map<String, Object> ref = Map.of("language", "java", "tests", ADD.get("tests"));
    String code =
        "import java.util.*;\npublic class Solution {\n public static void main(String[] a) {\n"
            + "  Scanner s = new Scanner(System.in); System.out.println(s.nextLong() + s.nextLong()); } }";
    ScoreResult r = SCORER.score(item(fenced("java", code), ref, Map.of()));
    assertThat(r.reward()).as("%s", r.details()).isEqualTo(1.0);
  }

  @Test
  void score_javascriptAndBashStdio() {
    String js =
        "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
            + "console.log(a + b);";
    assertThat(
            SCORER
                .score(
                    item(
                        fenced("js", js),
                        Map.of("language", "javascript", "tests", ADD.get("tests")),
                        Map.of()))
                .reward())
        .isEqualTo(1.0);
    String sh = "read a b\necho $((a + b))";
    assertThat(
            SCORER
                .score(
                    item(
                        fenced("bash", sh),
                        Map.of("language", "bash", "tests", ADD.get("tests")),
                        Map.of()))
                .reward())
        .isEqualTo(1.0);
  }

  @Test
  void score_goAndRustWhenInstalledElseReportedUnavailable() {
    String go =
        "package main\nimport \"fmt\"\nfunc main() { var a, b int; fmt.Scan(&a, &b); fmt.Println(a + b) }";
    String rust =
        "use std::io::Read;\nfn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut s).unwrap();\n"
            + " let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect(); println!(\"{}\", v[0] + v[1]); }";
    for (var lang : List.of(List.of("go", go), List.of("rust", rust))) {
      var language = TestSandboxes.LANGUAGES.find(lang.get(0)).orElseThrow();
      ScoreResult r =
          SCORER.score(
              item(
                  fenced(lang.get(0), lang.get(1)),
                  Map.of("language", lang.get(0), "tests", ADD.get("tests")),
                  Map.of()));
      if (language.available()) {
        assertThat(r.reward()).as("%s %s", lang.get(0), r.details()).isEqualTo(1.0);
      } else {
        assertThat(r.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
        assertThat(language.unavailable()).isNotBlank();
      }
    }
  }

  @Test
  void score_noCodeIsAVerdict() {
    ScoreResult r = SCORER.score(item("I don't know.", ADD, Map.of("no_code_reward", -0.5)));
    assertThat(r.status()).isEqualTo(ScoreStatus.OK);
    assertThat(r.reward()).isEqualTo(-0.5);
    assertThat(r.details()).containsEntry("verdict", "no_code");
  }

  @Test
  void score_plainRunReportsOutput() {
    ScoreResult r =
        SCORER.score(
            item(
                fenced("bash", "echo out; echo err >&2; exit 3"),
                Map.of("language", "bash", "run", true),
                Map.of()));
    assertThat(r.reward()).isEqualTo(0.0);
    assertThat(tests(r).get(0))
        .containsEntry("stdout", "out\n")
        .containsEntry("stderr", "err\n")
        .containsEntry("exit_code", 3);
  }

  @Test
  void score_badReferenceAndOptions() {
    assertThat(
            SCORER
                .score(item(fenced("py", "print(1)"), Map.of("language", "python"), Map.of()))
                .status())
        .isEqualTo(ScoreStatus.INVALID_REFERENCE);
    assertThat(SCORER.score(item(fenced("py", "print(1)"), ADD, Map.of("reward", "best"))).status())
        .isEqualTo(ScoreStatus.INVALID_REQUEST);
    assertThat(
            SCORER
                .score(
                    item(
                        fenced("py", "print(1)"),
                        Map.of("language", "cobol", "tests", ADD.get("tests")),
                        Map.of()))
                .status())
        .isEqualTo(ScoreStatus.INVALID_REFERENCE);
    assertThat(
            SCORER
                .score(
                    item(
                        fenced("java", "class A{}"),
                        Map.of(
                            "language",
                            "java",
                            "fn_name",
                            "f",
                            "cases",
                            List.of(Map.of("args", List.of(), "expected", 1))),
                        Map.of()))
                .status())
        .isEqualTo(ScoreStatus.INVALID_REFERENCE);
  }
}
