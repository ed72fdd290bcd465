package dev.arbiter.verifier.code.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What this host offers the bubblewrap backend, found without starting a sandbox: whether the
 * service runs as root (then slots drop to host uids through {@code setpriv}), bubblewrap's version
 * and whether the tools are installed, which uids still have processes, whether the scratch
 * directory is reachable by the slot uids, and how to read a start-up failure of {@code
 * --disable-userns}. (Whether a sandbox really starts is proved by running one: {@link
 * BubblewrapSandbox}.)
 */
final class BwrapHost {

  private BwrapHost() {}

  /** Whether this process runs as root. */
  static boolean runsAsRoot() {
    return "root".equals(System.getProperty("user.name")) || isUidZero();
  }

  /** Why bubblewrap cannot be started here at all (not installed; no setpriv as root), or null. */
  static String missingTools(String bwrap, boolean root) {
    if (!executable(bwrap)) {
      return "bubblewrap ('"
          + bwrap
          + "') is not installed: install the Debian package 'bubblewrap' (scripts/setup.sh)";
    }
    if (root && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      return "running as root needs /usr/bin/setpriv (util-linux) to drop to an unprivileged uid";
    }
    return null;
  }

  /**
   * Whether a sandbox failed because {@code --disable-userns} cannot lower the nested-namespace
   * limit: a read-only {@code /proc/sys} (a Kubernetes pod's default).
   */
  static boolean userNamespaceLimitReadOnly(String failure) {
    return failure != null && failure.contains("max_user_namespaces");
  }

  /** The real uids of this host's processes (a uid still in use is not claimed). */
  static Set<Integer> uidsWithProcesses() {
    Set<Integer> uids = new HashSet<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        if (p.getFileName().toString().chars().allMatch(Character::isDigit)) {
          try {
            Object uid = Files.getAttribute(p, "unix:uid");
            if (uid instanceof Integer u) {
              uids.add(u);
            }
          } catch (IOException | RuntimeException e) {
            // gone while we looked
          }
        }
      }
    } catch (IOException e) {
      // no /proc: nothing to skip
    }
    return uids;
  }

  /** Slot uids bind their box by path: every directory above it must let others traverse. */
  static String untraversable(Path dir) {
    for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      try {
        if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return "scratch directory "
              + dir
              + " is not reachable by the sandbox uids: "
              + p
              + " lacks o+x; choose arbiter.code.scratch-dir under a world-traversable directory";
        }
      } catch (IOException e) {
        return "cannot check " + p + ": " + e.getMessage();
      }
    }
    return null;
  }

  static String version(String bwrap) {
    try {
      Process p = new ProcessBuilder(bwrap, "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor(5, TimeUnit.SECONDS);
      return v.isEmpty() ? "bubblewrap" : v;
    } catch (IOException e) {
      return "bubblewrap (not found)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "bubblewrap";
    }
  }

  private static boolean executable(String name) {
    if (name.contains("/")) {
      return Files.isExecutable(Path.of(name));
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUidZero() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
