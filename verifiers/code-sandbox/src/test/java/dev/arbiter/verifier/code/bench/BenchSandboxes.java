package dev.arbiter.verifier.code.bench;

import dev.arbiter.verifier.code.sandbox.BubblewrapSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the sandbox bench harnesses share: a started bubblewrap sandbox, the program whose spawns
 * they time, and a bare spawn of that program (the baseline).
 */
final class BenchSandboxes {

  /** Reads two numbers from stdin and prints their sum. */
  static final String ADD_PROGRAM = "a, b = map(int, input().split())\nprint(a + b)\n";

  /** {@link #ADD_PROGRAM}'s input (it prints {@code 3}). */
  static final String ADD_STDIN = "1 2\n";

  private BenchSandboxes() {}

  /**
   * A bubblewrap sandbox with the service's defaults (lock directory, slot range, 10 s re-check),
   * {@code /proc} mounted; throws when it cannot run programs, so no figure comes from a broken
   * sandbox.
   */
  static BubblewrapSandbox bubblewrap(
      Path scratch, int uidBase, int slots, boolean cgroups, boolean seccomp) {
    BubblewrapSandbox s =
        new BubblewrapSandbox(
            new BubblewrapSandbox.Settings(
                "bwrap",
                slots,
                uidBase,
                scratch,
                cgroups,
                Duration.ofSeconds(60),
                true,
                null,
                BubblewrapSandbox.DEFAULT_SLOT_RANGE,
                seccomp,
                Duration.ofSeconds(10)));
    if (s.unavailableReason() != null) {
      throw new IllegalStateException(s.unavailableReason());
    }
    return s;
  }

  /** {@code dir}, created, with {@link #ADD_PROGRAM} as {@code main.py} and its {@code stdin}. */
  static Path bareAdd(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("main.py"), ADD_PROGRAM);
    Files.writeString(dir.resolve("stdin"), ADD_STDIN);
    return dir;
  }

  /**
   * Wall milliseconds of {@code python3} on {@code dir}'s program ({@link #bareAdd}), outside any
   * sandbox.
   */
  static double bareRun(Path dir) throws Exception {
    double ms =
        timedSpawn(
            dir, "bare run", "/usr/bin/python3", "-I", "-B", dir.resolve("main.py").toString());
    if (!Files.readString(dir.resolve("stdout")).equals("3\n")) {
      throw new IllegalStateException("bare run printed the wrong answer");
    }
    return ms;
  }

  /**
   * Wall milliseconds of {@code command} with {@code dir}'s {@code stdin}, {@code stdout} and
   * {@code stderr} files; throws when it fails or outlasts 10 s.
   */
  static double timedSpawn(Path dir, String what, String... command) throws Exception {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .redirectInput(dir.resolve("stdin").toFile())
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(what + " failed");
    }
    return (System.nanoTime() - start) / 1e6;
  }
}
