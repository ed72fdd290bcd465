package dev.arbiter.verifier.code;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.server.scoring.WorkerPools;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import dev.arbiter.verifier.code.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One real bubblewrap sandbox and language catalog shared by the unit tests (built once). */
final class TestSandboxes {

  /** Another checkout's tests on the same host may run an older sandbox that claims nothing. */
  static final int UID_BASE = Integer.getInteger("arbiter.test.uid-base", 61100);

  static final Path SCRATCH =
      Path.of(System.getProperty("java.io.tmpdir"), "arbiter-sandbox-test-" + UID_BASE);
  static final BubblewrapSandbox SANDBOX =
      new BubblewrapSandbox(
          new BubblewrapSandbox.Settings(
              "bwrap", 2, UID_BASE, SCRATCH, true, Duration.ofSeconds(60), true));
  static final Languages LANGUAGES =
      Languages.detect(
          SANDBOX, List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")));

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SANDBOX::close));
  }

  private TestSandboxes() {}

  /** Fast limits for tests: 2 s per run, 256 MiB. */
  static CodeDefaults fastDefaults() {
    CodeDefaults d = CodeDefaults.standard();
    return new CodeDefaults(
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        256L << 20,
        1L << 30,
        Duration.ofSeconds(30),
        1L << 30,
        1L << 20,
        16L << 20,
        32,
        64,
        Duration.ofSeconds(30),
        d.compileErrorReward(),
        d.noCodeReward(),
        d.comparison(),
        d.floatTolerance());
  }

  /** A scorer over the shared sandbox with {@link #fastDefaults()}. */
  static CodeScorer scorer() {
    return scorer(SANDBOX, LANGUAGES);
  }

  /**
   * A scorer over {@code sandbox} with {@link #fastDefaults()}: two item workers (queue 64) and two
   * run workers.
   */
  static CodeScorer scorer(Sandbox sandbox, Languages languages) {
    return new CodeScorer(
        sandbox,
        languages,
        fastDefaults(),
        WorkerPools.bounded("test-code-item", 2, 64),
        WorkerPools.queued("test-code-run", 2),
        16);
  }

  /** A stdin/stdout reference: {@code stdinThenStdout} holds each test's stdin, then its stdout. */
  static Map<String, Object> stdio(String language, String... stdinThenStdout) {
    List<Map<String, Object>> tests = new ArrayList<>();
    for (int i = 0; i < stdinThenStdout.length; i += 2) {
      tests.add(Map.of("stdin", stdinThenStdout[i], "stdout", stdinThenStdout[i + 1]));
    }
    return Map.of("language", language, "tests", tests);
  }

  /** The per-test details of a result. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> tests(ScoreResult r) {
    return (List<Map<String, Object>>) r.details().get("tests");
  }

  static ScoreItem item(
      String response, Map<String, Object> reference, Map<String, Object> options) {
    return new ScoreItem("t", "code", null, response, reference, options, null);
  }

  static String fenced(String lang, String code) {
    return "Here is my solution:\n```" + lang + "\n" + code + "\n```\n";
  }
}
