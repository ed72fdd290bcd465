package dev.arbiter.verifier.code;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

  static CodeScorer scorer() {
    return new CodeScorer(
        SANDBOX,
        LANGUAGES,
        fastDefaults(),
        new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64)),
        java.util.concurrent.Executors.newFixedThreadPool(2),
        16);
  }

  static ScoreItem item(
      String response, Map<String, Object> reference, Map<String, Object> options) {
    return new ScoreItem("t", "code", null, response, reference, options, null);
  }

  static String fenced(String lang, String code) {
    return "Here is my solution:\n```" + lang + "\n" + code + "\n```\n";
  }
}
