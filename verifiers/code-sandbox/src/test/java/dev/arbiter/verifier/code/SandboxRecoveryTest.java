package dev.arbiter.verifier.code;

import static dev.arbiter.verifier.code.TestSandboxes.fenced;
import static dev.arbiter.verifier.code.TestSandboxes.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Bubblewrap installed after start-up: items are {@code scorer_unavailable} (masked) while the
 * sandbox is DOWN; once a re-check finds it, the languages are detected again and items score.
 */
class SandboxRecoveryTest {

  private static final Map<String, Object> REFERENCE = TestSandboxes.stdio("python", "", "2\n");

  @Test
  void score_masksWhileBubblewrapIsMissing_thenScoresOnceInstalled() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path bin = Files.createDirectories(tmp.resolve("arbiter-bin-" + UUID.randomUUID()));
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bwrap = bin.resolve("bwrap");
    AtomicLong now = new AtomicLong();
    BubblewrapSandbox sandbox =
        new BubblewrapSandbox(
            new BubblewrapSandbox.Settings(
                bwrap.toString(),
                1,
                61620,
                tmp.resolve("arbiter-recovery-" + UUID.randomUUID()),
                true,
                Duration.ofSeconds(60),
                true,
                tmp.resolve("arbiter-locks-" + UUID.randomUUID()),
                BubblewrapSandbox.DEFAULT_SLOT_RANGE,
                true,
                Duration.ofSeconds(10)),
            null,
            now::get);
    try {
      Languages languages = new CodeSandboxAutoConfiguration().codeLanguages(sandbox, properties());
      CodeScorer scorer = TestSandboxes.scorer(sandbox, languages);
      String response = fenced("python", "print(1 + 1)");

      ScoreResult down = scorer.score(item(response, REFERENCE, Map.of()));
      assertThat(down.status()).isEqualTo(ScoreStatus.SCORER_UNAVAILABLE);
      assertThat(down.mask()).isTrue();
      assertThat(down.reward()).isNull();
      assertThat(languages.find("python").orElseThrow().available()).isFalse();

      Files.createSymbolicLink(bwrap, Path.of("/usr/bin/bwrap"));
      now.addAndGet(Duration.ofSeconds(10).toNanos());
      assertThat(sandbox.unavailableReason()).isNull();
      // every language is probed again (one slot): generous for a loaded machine
      org.awaitility.Awaitility.await("languages detected again")
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> languages.find("python").orElseThrow().available());
      ScoreResult up = scorer.score(item(response, REFERENCE, Map.of()));
      assertThat(up.status()).as("%s", up.details()).isEqualTo(ScoreStatus.OK);
      assertThat(up.reward()).isEqualTo(1.0);
    } finally {
      sandbox.close();
    }
  }

  private static CodeSandboxProperties properties() {
    return new CodeSandboxProperties(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null);
  }
}
