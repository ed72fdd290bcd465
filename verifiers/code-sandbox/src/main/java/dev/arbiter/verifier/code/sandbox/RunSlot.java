package dev.arbiter.verifier.code.sandbox;

import java.nio.file.Path;

/**
 * One run slot: its id (the host uid when the service runs as root), its capture files and
 * bubblewrap info file, and, where cgroups are writable, its cgroup and the spawner inside it.
 */
final class RunSlot {
  /** The slot id: its host uid when the service runs as root. */
  final int id;

  final Path stdin;
  final Path stdout;
  final Path stderr;
  final Path info;
  final Path job;
  final CgroupSlot cgroup;
  volatile SlotSpawner spawner;

  RunSlot(int id, Path dir, CgroupSlot cgroup) {
    this.id = id;
    this.stdin = dir.resolve("stdin");
    this.stdout = dir.resolve("stdout");
    this.stderr = dir.resolve("stderr");
    this.info = dir.resolve("info");
    this.job = dir.resolve("job.sh");
    this.cgroup = cgroup;
  }
}
