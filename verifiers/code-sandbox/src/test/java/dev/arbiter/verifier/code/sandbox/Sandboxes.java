package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Helpers for this package's tests: private sandboxes, runs, and host process checks. */
final class Sandboxes {

  private Sandboxes() {}

  /** A fresh scratch directory under java.io.tmpdir (world-traversable like the default). */
  static Path scratch(String name) {
    return Path.of(
        System.getProperty("java.io.tmpdir"), "arbiter-" + name + "-" + UUID.randomUUID());
  }

  static BubblewrapSandbox create(int base, int slots, boolean cgroups, Path lockDir) {
    return new BubblewrapSandbox(settings(base, slots, cgroups, lockDir, true));
  }

  static BubblewrapSandbox.Settings settings(
      int base, int slots, boolean cgroups, Path lockDir, boolean seccomp) {
    return new BubblewrapSandbox.Settings(
        "bwrap",
        slots,
        base,
        scratch("sandbox-" + base),
        cgroups,
        Duration.ofSeconds(60),
        true,
        lockDir,
        BubblewrapSandbox.DEFAULT_SLOT_RANGE,
        seccomp,
        Duration.ofSeconds(10));
  }

  static RunLimits limits(int wallSeconds) {
    return new RunLimits(
        Duration.ofSeconds(wallSeconds),
        wallSeconds,
        512L << 20,
        false,
        1 << 20,
        16L << 20,
        32,
        64);
  }

  /** Runs {@code command} with an empty (or the given) box. */
  static RunOutcome run(Sandbox sandbox, Path box, List<String> command, int wallSeconds) {
    return sandbox.run(
        new RunRequest(command, box, false, null, Map.of(), null, limits(wallSeconds)));
  }

  static RunOutcome sh(Sandbox sandbox, String script) throws IOException {
    Path box = sandbox.newBox();
    try {
      return run(sandbox, box, List.of("/bin/sh", "-c", script), 20);
    } finally {
      Boxes.delete(box);
    }
  }

  /** Host pids of processes whose real uid is one of {@code uids}. */
  static List<Long> processesOf(Set<Integer> uids) throws IOException {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          for (String line : Files.readAllLines(p.resolve("status"))) {
            if (line.startsWith("Uid:")) {
              int uid = Integer.parseInt(line.split("\\s+")[1]);
              if (uids.contains(uid)) {
                out.add(Long.parseLong(name));
              }
            }
          }
        } catch (IOException | RuntimeException e) {
          // the process ended while we looked
        }
      }
    }
    return out;
  }

  /** Runs a host program directly (outside any sandbox) and returns its stdout. */
  static String host(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    return out;
  }

  /**
   * Waits until every one of {@code sandbox}'s slots has a program running: bubblewrap has written
   * the sandbox's pid to the slot's info file (the launcher empties it before each run).
   */
  static void awaitEverySlotRunning(BubblewrapSandbox sandbox, Path scratch) {
    org.awaitility.Awaitility.await("a program running in every slot")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                sandbox.slotIds().stream()
                    .allMatch(
                        id ->
                            SlotLauncher.childPid(scratch.resolve("slot-" + id).resolve("info"))
                                > 0));
  }

  /** Waits until at least {@code count} processes run under {@code uids}. */
  static void awaitProcesses(Set<Integer> uids, int count) {
    org.awaitility.Awaitility.await("processes under the slot uids")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> processesOf(uids).size() >= count);
  }

  static boolean hostIsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException e) {
      return false;
    }
  }
}
