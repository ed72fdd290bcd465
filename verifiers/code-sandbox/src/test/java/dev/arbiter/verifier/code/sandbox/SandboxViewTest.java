package dev.arbiter.verifier.code.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.verifier.code.lang.Language;
import dev.arbiter.verifier.code.lang.Languages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a sandboxed program can see of the host: only toolchain paths, no kernel details. */
class SandboxViewTest {

  private static BubblewrapSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandboxes.create(61450, 2, true, Sandboxes.scratch("locks"));
    assertThat(sandbox.unavailableReason()).isNull();
  }

  @AfterAll
  static void close() {
    sandbox.close();
  }

  @Test
  void run_seesNoHostPathsBesidesTheToolchains() throws IOException {
    for (String hidden :
        List.of(
            "/usr/local",
            "/usr/sbin",
            "/usr/share/doc",
            "/usr/src",
            "/usr/lib/jvm",
            "/etc/passwd",
            "/root",
            "/home",
            "/sbin/init")) {
      if (Files.exists(Path.of(hidden))) {
        RunOutcome o =
            Sandboxes.sh(sandbox, "test -e " + hidden + " && echo visible || echo hidden");
        assertThat(o.stdoutText().strip()).as(hidden).isEqualTo("hidden");
      }
    }
    RunOutcome usr = Sandboxes.sh(sandbox, "ls /usr");
    assertThat(usr.stdoutText().lines().toList()).doesNotContain("local", "sbin", "src", "games");
  }

  @Test
  void forExecutable_addsOnlyThatToolchainsPaths() {
    VisiblePaths paths = new VisiblePaths();
    assertThat(paths.base())
        .contains(Path.of("/usr/bin"))
        .doesNotContain(Path.of("/usr"), Path.of("/usr/local"));
    assertThat(paths.forExecutable("/box/main")).isEmpty();
    assertThat(paths.forExecutable("/bin/sh")).isEmpty();
    if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
      assertThat(paths.forExecutable("/usr/bin/python3"))
          .anyMatch(p -> p.toString().startsWith("/usr/lib/python3"));
    }
    if (Files.isExecutable(Path.of("/usr/bin/g++"))) {
      assertThat(paths.forExecutable("/usr/bin/g++"))
          .contains(Path.of("/usr/include"), Path.of("/usr/lib/gcc"));
    }
  }

  @Test
  void detect_everyHostLanguageStillRuns() {
    Languages languages =
        Languages.detect(
            sandbox, List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")));
    List<String> available =
        languages.all().stream().filter(Language::available).map(Language::id).toList();
    List<String> unavailable =
        languages.all().stream()
            .filter(l -> !l.available())
            .map(l -> l.id() + ": " + l.unavailable())
            .toList();
    // A toolchain the host has must run in the sandbox; only missing toolchains may be unavailable.
    assertThat(unavailable).allMatch(u -> u.contains("toolchain not installed"));
    assertThat(available).contains("python", "cpp", "javascript", "bash");
    if (Files.isExecutable(Path.of("/usr/bin/javac"))) {
      assertThat(available).contains("java");
    }
  }

  @Test
  void run_procHidesKernelSymbolsConfigAndCommandLine() throws IOException {
    RunOutcome o =
        Sandboxes.sh(
            sandbox,
            "for f in kallsyms cmdline modules keys config.gz version sched_debug timer_list; do"
                + " [ -e /proc/$f ] || continue; if [ -r /proc/$f ]; then echo \"$f $(wc -c < /proc/$f)\";"
                + " else echo \"$f unreadable\"; fi; done;"
                + " echo \"sys.kernel $(ls /proc/sys/kernel | wc -l)\"; true");
    assertThat(o.succeeded()).as(o.stderrText()).isTrue();
    for (String line : o.stdoutText().strip().lines().toList()) {
      // masked (reads as empty) or, for root-only files, unreadable to the sandbox uid
      assertThat(line).as("readable bytes").matches(".* (0|unreadable)");
    }
    assertThat(o.stdoutText())
        .contains("kallsyms 0")
        .contains("cmdline 0")
        .contains("sys.kernel 0");
  }

  @Test
  void run_mountinfoDoesNotShowTheBoxHostPath() throws IOException {
    Path box = sandbox.newBox();
    try {
      Files.writeString(box.resolve("main.sh"), "cat /proc/self/mountinfo; ls -l /box\n");
      RunOutcome o = Sandboxes.run(sandbox, box, List.of("/bin/sh", "/box/main.sh"), 20);
      assertThat(o.succeeded()).as(o.stderrText()).isTrue();
      assertThat(o.stdoutText())
          .contains("main.sh")
          .doesNotContain(box.getFileName().toString())
          .doesNotContain("arbiter-sandbox")
          .doesNotContain(System.getProperty("java.io.tmpdir") + "/arbiter");
    } finally {
      Boxes.delete(box);
    }
  }

  @Test
  void run_copiedBoxIsReadOnlyAndKeepsExecutables() throws IOException {
    Path box = sandbox.newBox();
    try {
      Files.writeString(box.resolve("main.sh"), "#!/bin/sh\necho run\n");
      Files.setPosixFilePermissions(
          box.resolve("main.sh"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      RunOutcome o =
          Sandboxes.run(
              sandbox,
              box,
              List.of("/bin/sh", "-c", "/box/main.sh; echo x > /box/new || echo refused"),
              20);
      assertThat(o.stdoutText()).isEqualTo("run\nrefused\n");
      assertThat(box.resolve("new")).doesNotExist();
    } finally {
      Boxes.delete(box);
    }
  }
}
