package dev.arbiter.verifier.code.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path set a sandboxed command sees, on a made-up {@code /usr}: a JDK reached through a link as
 * Debian installs it ({@code /usr/bin/java} → {@code /usr/lib/jvm/<jdk>/bin/java}) brings its home,
 * and its {@code lib/} is named for the loader when the sandbox has no {@code /proc}.
 */
class VisiblePathsTest {

  @TempDir Path root;
  private Path usr;
  private Path jdk;
  private VisiblePaths visible;

  @BeforeEach
  void fakeUsr() throws IOException {
    usr = root.resolve("usr");
    jdk = usr.resolve("lib/jvm/java-17-openjdk-amd64");
    Files.createDirectories(jdk.resolve("bin"));
    Files.createDirectories(jdk.resolve("lib/server"));
    Files.writeString(jdk.resolve("bin/java"), "");
    Files.writeString(jdk.resolve("lib/libjli.so"), "");
    Files.createDirectories(usr.resolve("bin"));
    Files.createDirectories(usr.resolve("lib/x86_64-linux-gnu"));
    Files.createDirectories(usr.resolve("share/zoneinfo"));
    Files.createDirectories(usr.resolve("lib/go-1.19/bin"));
    Files.createDirectories(usr.resolve("lib/go-1.19/lib/time"));
    Files.writeString(usr.resolve("lib/go-1.19/bin/go"), "");
    Files.writeString(usr.resolve("bin/bash"), "");
    // /usr/bin/java -> /etc/alternatives/java -> the JDK's launcher, as update-alternatives does
    Path alternatives = Files.createDirectories(root.resolve("etc/alternatives"));
    Files.createSymbolicLink(alternatives.resolve("java"), jdk.resolve("bin/java"));
    Files.createSymbolicLink(usr.resolve("bin/java"), alternatives.resolve("java"));
    visible = new VisiblePaths(usr);
  }

  @Test
  void base_isBinMultiarchLibrariesAndZoneinfo() {
    assertThat(visible.base())
        .containsExactly(
            usr.resolve("bin"), usr.resolve("lib/x86_64-linux-gnu"), usr.resolve("share/zoneinfo"));
  }

  @Test
  void forExecutable_linkedJavaBringsTheResolvedJdkHome() {
    assertThat(visible.forExecutable(usr.resolve("bin/java").toString())).containsExactly(jdk);
  }

  @Test
  void libraryDirectories_linkedJavaNamesTheJdksLib() {
    assertThat(visible.libraryDirectories(usr.resolve("bin/java").toString()))
        .containsExactly(jdk.resolve("lib"));
  }

  @Test
  void libraryDirectories_homeWithoutSharedObjectsNamesNothing() {
    String go = usr.resolve("lib/go-1.19/bin/go").toString();
    assertThat(visible.forExecutable(go)).containsExactly(usr.resolve("lib/go-1.19"));
    assertThat(visible.libraryDirectories(go)).isEmpty();
  }

  @Test
  void libraryDirectories_usrBinAndBoxProgramsNameNothing() {
    assertThat(visible.libraryDirectories(usr.resolve("bin/bash").toString())).isEmpty();
    assertThat(visible.forExecutable(usr.resolve("bin/bash").toString())).isEmpty();
    assertThat(visible.libraryDirectories("/box/main")).isEmpty();
  }

  @Test
  void command_withoutProcSetsTheLibraryPath_withProcLeavesItToTheLoader() throws IOException {
    Path box = Files.createDirectories(root.resolve("box"));
    RunRequest java =
        new RunRequest(
            List.of(usr.resolve("bin/java").toString(), "-version"),
            box,
            false,
            null,
            null,
            null,
            new RunLimits(Duration.ofSeconds(5), 5, 64L << 20, false, 1 << 16, 1 << 20, 8, 32));

    List<String> noProc =
        new BwrapArguments("bwrap", visible, false).command(-1, java, new HashMap<>(), true);
    assertThat(noProc).doesNotContain("--proc");
    assertThat(String.join(" ", noProc))
        .contains("--setenv LD_LIBRARY_PATH " + jdk.resolve("lib"))
        .contains("--ro-bind " + jdk + " " + jdk);

    List<String> withProc =
        new BwrapArguments("bwrap", visible, true).command(-1, java, new HashMap<>(), true);
    assertThat(withProc).contains("--proc").doesNotContain("LD_LIBRARY_PATH");
  }
}
