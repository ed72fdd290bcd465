package dev.arbiter.verifier.code.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bwrap command line as a plain policy: built and checked without starting a sandbox. */
class BwrapArgumentsTest {

  @TempDir Path root;

  private static final RunLimits LIMITS =
      new RunLimits(Duration.ofSeconds(5), 5, 64L << 20, false, 1 << 16, 1 << 20, 8, 32);

  private List<String> command(int uid, Path box, boolean writable, boolean disableUserns)
      throws IOException {
    Map<Integer, Path> inputs = new HashMap<>();
    inputs.put(BwrapArguments.SECCOMP_FD, root.resolve("seccomp.bpf"));
    RunRequest request =
        new RunRequest(
            List.of("/box/main"), box, writable, null, Map.of("GOCACHE", "/tmp/go"), null, LIMITS);
    return new BwrapArguments("bwrap", new VisiblePaths(root.resolve("usr")), true)
        .command(uid, request, inputs, disableUserns);
  }

  private Path box(int files) throws IOException {
    Path box = Files.createDirectories(root.resolve("box-" + files));
    for (int i = 0; i < files; i++) {
      Files.writeString(box.resolve("f" + i), "x");
    }
    return box;
  }

  @Test
  void command_asRootDropsToTheSlotUidWithEveryNamespaceAndTheSeccompFilter() throws IOException {
    List<String> cmd = command(61000, box(1), false, true);
    assertThat(cmd.subList(0, 6))
        .containsExactly(
            "/usr/bin/setpriv",
            "--reuid=61000",
            "--regid=61000",
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all");
    assertThat(cmd)
        .contains(
            "--unshare-user",
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--disable-userns",
            "--die-with-parent",
            "--new-session",
            "--as-pid-1",
            "--clearenv");
    assertThat(String.join(" ", cmd))
        .contains("--seccomp " + BwrapArguments.SECCOMP_FD)
        .contains("--uid 65534 --gid 65534")
        .contains("--setenv GOCACHE /tmp/go")
        .endsWith("arbiter-run /box/main");
  }

  @Test
  void command_notRootRunsBwrapDirectly_disableUsernsIsOptional() throws IOException {
    List<String> cmd = command(-1, box(1), false, false);
    assertThat(cmd.get(0)).isEqualTo("bwrap");
    assertThat(cmd).doesNotContain("--disable-userns");
  }

  @Test
  void command_fewPlainFilesAreCopied_moreOrAWritableBoxAreBound() throws IOException {
    Map<Integer, Path> inputs = new HashMap<>();
    Path small = box(2);
    RunRequest request =
        new RunRequest(List.of("/box/main"), small, false, null, null, null, LIMITS);
    List<String> copied =
        new BwrapArguments("bwrap", new VisiblePaths(root.resolve("usr")), true)
            .command(-1, request, inputs, true);
    assertThat(inputs).containsKeys(BwrapArguments.FIRST_FILE_FD, BwrapArguments.FIRST_FILE_FD + 1);
    assertThat(String.join(" ", copied))
        .contains("--file " + BwrapArguments.FIRST_FILE_FD + " /box/");
    assertThat(copied).doesNotContain(small.toString());

    Path large = box(6);
    assertThat(String.join(" ", command(-1, large, false, true)))
        .contains("--ro-bind " + large + " /box");
    assertThat(String.join(" ", command(-1, small, true, true)))
        .contains("--bind " + small + " /box");
  }

  @Test
  void command_rootIsRemountedReadOnlyAfterTheLastMount() throws IOException {
    List<String> cmd = command(-1, box(1), false, true);
    int readOnlyRoot = cmd.lastIndexOf("--remount-ro");
    assertThat(cmd.get(readOnlyRoot + 1)).isEqualTo("/");
    assertThat(cmd.subList(readOnlyRoot, cmd.size()))
        .doesNotContain("--bind", "--ro-bind", "--tmpfs", "--file", "--proc");
    assertThat(cmd.subList(0, readOnlyRoot)).contains("--proc");
  }
}
