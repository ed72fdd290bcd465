package dev.arbiter.verifier.code.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The sandbox re-checks bubblewrap when its verdict is older than the re-check interval: a probe
 * (the seam) that starts failing turns it DOWN with the reason, one that passes again turns it UP.
 */
class HealthRecheckTest {

  private static final String MISSING = "bubblewrap ('bwrap') is not installed";

  @Test
  void unavailableReason_followsTheProbeAfterTheInterval() throws Exception {
    AtomicReference<String> probe = new AtomicReference<>(MISSING);
    AtomicInteger probes = new AtomicInteger();
    AtomicLong now = new AtomicLong();
    BubblewrapSandbox sandbox =
        new BubblewrapSandbox(
            Sandboxes.settings(61600, 1, false, Sandboxes.scratch("locks"), true),
            () -> {
              probes.incrementAndGet();
              return probe.get();
            },
            now::get);
    CountDownLatch recovered = new CountDownLatch(1);
    sandbox.onRecovered(recovered::countDown);
    try {
      // Start-up proves the real bubblewrap; the seam only answers later re-checks.
      assertThat(sandbox.unavailableReason()).isNull();
      assertThat(probes).hasValue(0);

      now.addAndGet(Duration.ofSeconds(10).toNanos());
      assertThat(sandbox.unavailableReason()).isEqualTo(MISSING); // removed: DOWN
      now.addAndGet(Duration.ofSeconds(5).toNanos());
      probe.set(null);
      assertThat(sandbox.unavailableReason())
          .as("cached until the interval passes")
          .isEqualTo(MISSING);
      assertThat(probes).hasValue(1);

      now.addAndGet(Duration.ofSeconds(5).toNanos());
      assertThat(sandbox.unavailableReason()).isNull(); // installed again: UP
      assertThat(recovered.await(10, TimeUnit.SECONDS)).as("recovery listener ran").isTrue();
      assertThat(probes).hasValue(2);
    } finally {
      sandbox.close();
    }
  }

  @Test
  void unavailableReason_realProbeSeesBubblewrapInstalledAfterStart() throws Exception {
    // A bwrap that is "not installed" until the test links the real one into place.
    Path dir = Sandboxes.scratch("bin");
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bwrap = dir.resolve("bwrap");
    AtomicLong now = new AtomicLong();
    BubblewrapSandbox sandbox =
        new BubblewrapSandbox(
            new BubblewrapSandbox.Settings(
                bwrap.toString(),
                1,
                61610,
                Sandboxes.scratch("sandbox"),
                false,
                Duration.ofSeconds(60),
                true,
                Sandboxes.scratch("locks"),
                BubblewrapSandbox.DEFAULT_SLOT_RANGE,
                true,
                Duration.ofSeconds(10)),
            null,
            now::get);
    try {
      assertThat(sandbox.unavailableReason()).contains("is not installed");
      Files.createSymbolicLink(bwrap, Path.of("/usr/bin/bwrap"));
      assertThat(sandbox.unavailableReason()).as("not re-checked yet").contains("is not installed");
      now.addAndGet(Duration.ofSeconds(10).toNanos());
      assertThat(sandbox.unavailableReason()).isNull();
      RunOutcome o = Sandboxes.sh(sandbox, "echo up");
      assertThat(o.stdoutText()).isEqualTo("up\n");
      Files.delete(bwrap);
      now.addAndGet(Duration.ofSeconds(10).toNanos());
      assertThat(sandbox.unavailableReason()).contains("is not installed");
    } finally {
      sandbox.close();
    }
  }
}
