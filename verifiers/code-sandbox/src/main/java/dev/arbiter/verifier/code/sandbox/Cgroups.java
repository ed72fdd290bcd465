package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a writable cgroup hierarchy (v1 memory + pids controllers, or v2 with both delegated) and
 * creates one child cgroup per run slot under this process's own cgroup. Where none is writable the
 * sandbox runs on rlimits and namespaces alone, and says so.
 */
final class Cgroups {

  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  private final List<CgroupSlot> slots;
  private final String description;

  private Cgroups(List<CgroupSlot> slots, String description) {
    this.slots = slots;
    this.description = description;
  }

  /** Slot cgroups, or an empty list when no cgroup is writable. */
  List<CgroupSlot> slots() {
    return slots;
  }

  /** E.g. "cgroup v1 (memory, pids)" or why there is none. */
  String description() {
    return description;
  }

  static Cgroups create(String name, int count) {
    try {
      if (Files.isDirectory(ROOT.resolve("memory")) && Files.isDirectory(ROOT.resolve("pids"))) {
        return v1(name, count);
      }
      if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
        return v2(name, count);
      }
      return new Cgroups(List.of(), "no cgroup: /sys/fs/cgroup has neither v1 nor v2 controllers");
    } catch (IOException | RuntimeException e) {
      return new Cgroups(List.of(), "no cgroup: not writable here (" + e.getMessage() + ")");
    }
  }

  private static Cgroups v1(String name, int count) throws IOException {
    Path memBase = ROOT.resolve("memory").resolve(relative(ownPath("memory"))).resolve(name);
    Path pidsBase = ROOT.resolve("pids").resolve(relative(ownPath("pids"))).resolve(name);
    List<CgroupSlot> slots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path mem = Files.createDirectories(memBase.resolve("slot-" + i));
      Path pids = Files.createDirectories(pidsBase.resolve("slot-" + i));
      CgroupSlot slot = new CgroupSlot(mem, pids, false);
      slot.killLeftovers();
      slots.add(slot);
    }
    return new Cgroups(slots, "cgroup v1 (memory, pids) under " + memBase + " and " + pidsBase);
  }

  private static Cgroups v2(String name, int count) throws IOException {
    Path own = ROOT.resolve(relative(ownPath("")));
    Path base = Files.createDirectories(own.resolve(name));
    // A parent cgroup must delegate the controllers before its children can use them.
    Files.writeString(own.resolve("cgroup.subtree_control"), "+memory +pids");
    Files.writeString(base.resolve("cgroup.subtree_control"), "+memory +pids");
    List<CgroupSlot> slots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path dir = Files.createDirectories(base.resolve("slot-" + i));
      CgroupSlot slot = new CgroupSlot(dir, dir, true);
      slot.killLeftovers();
      slots.add(slot);
    }
    return new Cgroups(slots, "cgroup v2 (memory, pids) under " + base);
  }

  /** This process's cgroup path for a v1 controller, or the v2 path for {@code ""}. */
  private static String ownPath(String controller) throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.US_ASCII)) {
      String[] parts = line.split(":", 3);
      if (parts.length < 3) {
        continue;
      }
      boolean match =
          controller.isEmpty()
              ? parts[0].equals("0") && parts[1].isEmpty()
              : List.of(parts[1].split(",")).contains(controller);
      if (match) {
        return parts[2];
      }
    }
    throw new IOException("no " + (controller.isEmpty() ? "v2" : controller) + " cgroup entry");
  }

  private static String relative(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }
}
