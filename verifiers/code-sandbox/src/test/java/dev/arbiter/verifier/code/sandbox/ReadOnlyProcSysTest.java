package dev.arbiter.verifier.code.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Under a Kubernetes pod's read-only {@code /proc/sys}, bwrap's {@code --disable-userns} fails
 * ("cannot open /proc/sys/user/max_user_namespaces: Read-only file system"). A stand-in bwrap that
 * fails exactly so shows the sandbox dropping that flag and still refusing nested user namespaces
 * through its seccomp filter.
 */
class ReadOnlyProcSysTest {

  @Test
  void create_withoutDisableUserns_stillRefusesNestedNamespaces() throws Exception {
    Path bin = Sandboxes.scratch("bin");
    Files.createDirectories(bin);
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bwrap = bin.resolve("bwrap");
    Files.writeString(
        bwrap,
        """
        #!/bin/sh
        for a in "$@"; do
          if [ "$a" = --disable-userns ]; then
            echo 'bwrap: cannot open /proc/sys/user/max_user_namespaces: Read-only file system' >&2
            exit 1
          fi
        done
        exec /usr/bin/bwrap "$@"
        """);
    Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwxr-xr-x"));
    BubblewrapSandbox sandbox =
        new BubblewrapSandbox(
            new BubblewrapSandbox.Settings(
                bwrap.toString(),
                1,
                61650,
                Sandboxes.scratch("sandbox"),
                true,
                Duration.ofSeconds(60),
                true,
                Sandboxes.scratch("locks"),
                BubblewrapSandbox.DEFAULT_SLOT_RANGE,
                true,
                Duration.ofSeconds(10)));
    try {
      assertThat(sandbox.unavailableReason()).isNull();
      assertThat(sandbox.describe()).contains("nested user namespaces refused by seccomp only");
      RunOutcome o =
          Sandboxes.sh(sandbox, "/usr/bin/unshare -U /bin/true && echo nested || echo refused");
      assertThat(o.stdoutText()).isEqualTo("refused\n");
      assertThat(o.stderrText()).contains("Operation not permitted");
    } finally {
      sandbox.close();
    }
  }
}
