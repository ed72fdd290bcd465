package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cgroup (v1: one directory per controller; v2: one directory) that one run slot reuses for each
 * of its runs: memory and pids limits, OOM detection, and a last sweep that kills anything left.
 */
final class CgroupSlot {

  private final Path memoryDir;
  private final Path pidsDir;
  private final boolean v2;
  private long memoryLimit = -1;
  private int pidsLimit = -1;
  private long oomKillsBefore;

  CgroupSlot(Path memoryDir, Path pidsDir, boolean v2) {
    this.memoryDir = memoryDir;
    this.pidsDir = pidsDir;
    this.v2 = v2;
  }

  /** The {@code cgroup.procs} files the launcher writes its pid into before exec. */
  List<Path> procsFiles() {
    return memoryDir.equals(pidsDir)
        ? List.of(memoryDir.resolve("cgroup.procs"))
        : List.of(memoryDir.resolve("cgroup.procs"), pidsDir.resolve("cgroup.procs"));
  }

  /** Sets this run's limits (only when they changed) and remembers the OOM count. */
  void prepare(long memoryBytes, int pids) throws IOException {
    if (memoryBytes != memoryLimit) {
      if (v2) {
        write(memoryDir.resolve("memory.max"), Long.toString(memoryBytes));
        writeIfPresent(memoryDir.resolve("memory.swap.max"), "0");
      } else {
        // memsw must stay >= limit: raise order depends on direction.
        Path mem = memoryDir.resolve("memory.limit_in_bytes");
        Path memsw = memoryDir.resolve("memory.memsw.limit_in_bytes");
        if (memoryBytes > memoryLimit) {
          writeIfPresent(memsw, Long.toString(memoryBytes));
          write(mem, Long.toString(memoryBytes));
        } else {
          write(mem, Long.toString(memoryBytes));
          writeIfPresent(memsw, Long.toString(memoryBytes));
        }
      }
      memoryLimit = memoryBytes;
    }
    if (pids != pidsLimit) {
      write(pidsDir.resolve("pids.max"), Integer.toString(pids));
      pidsLimit = pids;
    }
    oomKillsBefore = oomKills();
  }

  /** True when the kernel OOM-killed something in this cgroup since {@link #prepare}. */
  boolean oomKilledSincePrepare() {
    return oomKills() > oomKillsBefore;
  }

  /** Kills whatever is still in the cgroup; returns how many processes it found. */
  int killLeftovers() {
    return killLeftovers(-1);
  }

  /**
   * Kills whatever is still in the cgroup except {@code keep} (the slot's spawner). A pending
   * interrupt (a cancelled run) does not cut the sweep short; it stays pending.
   */
  int killLeftovers(long keep) {
    boolean interrupted = Thread.interrupted();
    int found = 0;
    try {
      for (int attempt = 0; attempt < 50; attempt++) {
        List<Long> pids = pids();
        pids.remove(Long.valueOf(keep));
        if (pids.isEmpty()) {
          return found;
        }
        found = Math.max(found, pids.size());
        for (long pid : pids) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return found;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Kills what is left and removes the slot's cgroup directories (and their parents, if empty). */
  void remove() {
    killLeftovers();
    for (Path dir : memoryDir.equals(pidsDir) ? List.of(memoryDir) : List.of(memoryDir, pidsDir)) {
      try {
        Files.deleteIfExists(dir);
        Files.deleteIfExists(dir.getParent());
      } catch (IOException e) {
        // the parent still holds other slots, or the kernel is slow to release: left for later
      }
    }
  }

  List<Long> pids() {
    List<Long> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(pidsDir.resolve("cgroup.procs"))) {
        if (!line.isBlank()) {
          out.add(Long.parseLong(line.trim()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private long oomKills() {
    Path file = memoryDir.resolve(v2 ? "memory.events" : "memory.oom_control");
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("oom_kill ")) {
          return Long.parseLong(line.substring("oom_kill ".length()).trim());
        }
      }
      if (!v2) {
        String failcnt = Files.readString(memoryDir.resolve("memory.failcnt")).trim();
        return Long.parseLong(failcnt);
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }

  private static void writeIfPresent(Path file, String value) {
    try {
      if (Files.exists(file)) {
        write(file, value);
      }
    } catch (IOException e) {
      // memsw / swap accounting may be disabled; the memory limit alone still holds.
    }
  }
}
