package dev.arbiter.verifier.code.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default backend: each run is a fresh bubblewrap sandbox (user, PID, network, IPC, UTS and
 * mount namespaces; read-only {@code /usr} and the toolchain's own paths; a fresh size-capped tmpfs
 * at {@code /tmp}; no environment but what the language needs).
 *
 * <p>A fixed set of run slots bounds how many sandboxes run at once. Each slot has its own host uid
 * (when this service runs as root: RLIMIT_NPROC does not hold for host root, so the sandbox must
 * not map to it), its own cgroup (memory and pids, where writable) and its own capture files. A run
 * is a job {@code sh} that opens the capture files and bubblewrap's info file and execs {@code
 * setpriv} (drop to the slot uid) and {@code bwrap}; with a cgroup the slot's {@link SlotSpawner},
 * already inside it, starts the job so that no run pays a cgroup migration. Inside, another {@code
 * sh} sets the rlimits and stays as the namespace's pid 1 around the program. stdout and stderr go
 * to files capped by RLIMIT_FSIZE, so no pump threads are needed and a flood ends in SIGXFSZ.
 */
public final class BubblewrapSandbox implements Sandbox {

  private static final Logger log = LoggerFactory.getLogger(BubblewrapSandbox.class);

  /** The uid and gid programs see inside (nobody). */
  static final int INSIDE_ID = 65534;

  private static final String LAUNCH = "exec 3>\"$ARB_INFO\" || exit 122; exec \"$@\"";

  private final Settings settings;
  private final Path boxes;
  private final boolean root;
  private final BlockingQueue<Slot> free;
  private final String cgroupDescription;
  private final String version;
  private final String unavailable;

  /**
   * @param bwrap the bwrap executable
   * @param slots concurrent sandboxes
   * @param hostUidBase when running as root, slot {@code i} runs as host uid {@code base + i}
   * @param scratch a private host directory for the capture files (created 0700)
   * @param useCgroups try to create per-slot cgroups
   * @param slotWait how long a run waits for a free slot before failing
   * @param mountProc mount a fresh {@code /proc} in each sandbox (off where the container runtime
   *     masks the host's /proc so that a new one cannot be mounted, e.g. a default Kubernetes pod)
   */
  public record Settings(
      String bwrap,
      int slots,
      int hostUidBase,
      Path scratch,
      boolean useCgroups,
      java.time.Duration slotWait,
      boolean mountProc) {}

  public BubblewrapSandbox(Settings settings) {
    this.settings = settings;
    this.root = "root".equals(System.getProperty("user.name")) || isUidZero();
    this.free = new ArrayBlockingQueue<>(settings.slots());
    this.boxes = settings.scratch().resolve("boxes");
    Cgroups cgroups =
        settings.useCgroups()
            ? Cgroups.create(
                "arbiter-sandbox-" + settings.hostUidBase() + "-" + ProcessHandle.current().pid(),
                settings.slots())
            : null;
    this.cgroupDescription =
        cgroups == null ? "cgroups disabled by configuration" : cgroups.description();
    String reason = null;
    try {
      // Capture files stay private to the service: slot directories are 0700.
      List<Path> dirs = Boxes.prepareScratch(settings.scratch(), settings.slots(), "rwx------");
      for (int i = 0; i < settings.slots(); i++) {
        Path dir = dirs.get(i);
        CgroupSlot cg =
            cgroups == null || cgroups.slots().isEmpty() ? null : cgroups.slots().get(i);
        free.add(new Slot(i, settings.hostUidBase() + i, dir, cg));
      }
    } catch (IOException e) {
      reason = "cannot create scratch directory " + settings.scratch() + ": " + e.getMessage();
    }
    this.version = probeVersion(settings.bwrap());
    if (reason == null && root) {
      reason = untraversable(boxes);
    }
    if (reason == null) {
      reason = probe();
    }
    this.unavailable = reason;
    if (reason != null) {
      log.error("bubblewrap sandbox unavailable: {}", reason);
    } else {
      log.info("bubblewrap sandbox ready: {}", describe());
    }
  }

  /**
   * CPU time (clock ticks) of the runs the slot spawners have reaped so far; with {@code
   * /proc/self/stat}'s children time it accounts for every run (used by the benchmark).
   */
  public long spawnedCpuTicks() {
    long ticks = 0;
    for (Slot slot : free) {
      if (slot.spawner != null && slot.spawner.alive()) {
        ticks += SlotSpawner.childCpuTicks(slot.spawner.pid());
      }
    }
    return ticks;
  }

  /** Removes the slot cgroups (Spring calls this when the context closes). */
  public void close() {
    for (Slot slot : free) {
      if (slot.spawner != null) {
        slot.spawner.close();
      }
      if (slot.cgroup != null) {
        slot.cgroup.remove();
      }
    }
  }

  @Override
  public Path newBox() throws IOException {
    return Boxes.create(boxes);
  }

  @Override
  public String unavailableReason() {
    return unavailable;
  }

  @Override
  public String describe() {
    return version
        + ", "
        + settings.slots()
        + " slots, "
        + (root ? "host uids " + settings.hostUidBase() + "+slot" : "service uid (not root)")
        + ", "
        + cgroupDescription;
  }

  @Override
  public RunOutcome run(RunRequest request) {
    Slot slot = RunScripts.take(free, settings.slotWait());
    try {
      return runIn(slot, request);
    } catch (IOException e) {
      throw new SandboxException("sandbox run failed: " + e.getMessage(), e);
    } finally {
      free.add(slot);
    }
  }

  private RunOutcome runIn(Slot slot, RunRequest request) throws IOException {
    RunLimits limits = request.limits();
    Files.write(slot.stdin, request.stdin());
    Files.deleteIfExists(slot.info);
    if (slot.cgroup != null) {
      slot.cgroup.prepare(limits.memoryBytes(), limits.processes() + 4);
    }
    if (root && request.boxWritable()) {
      Files.setAttribute(request.box(), "unix:uid", slot.uid);
      Files.setAttribute(request.box(), "unix:gid", slot.uid);
    }
    long start = System.nanoTime();
    Launched run = slot.cgroup != null ? viaSpawner(slot, request) : direct(slot, request);
    double wallMs = (System.nanoTime() - start) / 1e6;
    int exit = run.exit();
    boolean wallKilled = run.wallKilled();
    byte[] out = RunScripts.readCapped(slot.stdout, limits.outputBytes());
    byte[] err = RunScripts.readCapped(slot.stderr, limits.outputBytes());
    boolean started = Files.size(slot.info) > 0;
    if (!started && !wallKilled) {
      throw new SandboxException(
          "bubblewrap did not start the program (exit "
              + exit
              + "): "
              + new String(err, StandardCharsets.UTF_8).strip());
    }
    boolean oom = slot.cgroup != null && slot.cgroup.oomKilledSincePrepare();
    Termination termination =
        RunScripts.classify(limits, exit, wallKilled, oom, wallMs, out.length, err.length);
    return new RunOutcome(termination, exit, out, err, wallMs);
  }

  /** How a launch ended: the exit status as a shell reports it, and whether the wall clock hit. */
  private record Launched(int exit, boolean wallKilled) {}

  /** Without a cgroup: the service starts the launcher itself. */
  private Launched direct(Slot slot, RunRequest request) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH, "arbiter-launch"));
    cmd.addAll(command(slot, request));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("ARB_INFO", slot.info.toString());
    pb.redirectInput(slot.stdin.toFile());
    pb.redirectOutput(slot.stdout.toFile());
    pb.redirectError(slot.stderr.toFile());
    Process process = pb.start();
    try {
      if (!process.waitFor(request.limits().wall().toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(slot, process);
        return new Launched(process.exitValue(), true);
      }
      return new Launched(process.exitValue(), false);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while a sandboxed program ran");
    }
  }

  /**
   * With a cgroup: the slot's spawner, already in the cgroup, starts the job, so the sandbox is
   * born there (no per-run cgroup migration).
   */
  private Launched viaSpawner(Slot slot, RunRequest request) throws IOException {
    if (slot.spawner == null || !slot.spawner.alive()) {
      if (slot.spawner != null) {
        slot.spawner.close();
      }
      slot.spawner = new SlotSpawner(slot.cgroup.procsFiles());
    }
    SlotSpawner.writeJob(
        slot.job, slot.stdin, slot.stdout, slot.stderr, slot.info, command(slot, request));
    try {
      long pid = slot.spawner.start(slot.job);
      Integer exit = slot.spawner.awaitExit(request.limits().wall().toMillis());
      if (exit != null) {
        return new Launched(exit, false);
      }
      long child = childPid(slot.info);
      ProcessHandle.of(child > 0 ? child : pid).ifPresent(ProcessHandle::destroyForcibly);
      exit = slot.spawner.awaitExit(1000);
      if (exit == null) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        exit = slot.spawner.awaitExit(5000);
      }
      if (exit == null) {
        slot.spawner.close();
        throw new SandboxException("a sandboxed run could not be stopped");
      }
      return new Launched(exit, true);
    } catch (IOException | RuntimeException e) {
      slot.spawner.close();
      throw e;
    } finally {
      slot.cgroup.killLeftovers(slot.spawner.pid());
    }
  }

  /**
   * Kills the sandbox's pid 1 (the kernel then kills everything in its PID namespace) so that the
   * outer bwrap reaps it and exits; kills the outer bwrap only if that did not happen.
   */
  private static void killTree(Slot slot, Process process) throws InterruptedException {
    long child = childPid(slot.info);
    if (child > 0) {
      ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
      if (process.waitFor(1, TimeUnit.SECONDS)) {
        return;
      }
    }
    process.destroyForcibly();
    process.waitFor();
  }

  /** The host pid of the sandbox's pid 1, from bwrap's {@code --info-fd} JSON; 0 if unknown. */
  static long childPid(Path info) {
    try {
      String json = Files.readString(info);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"child-pid\"\\s*:\\s*(\\d+)").matcher(json);
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** setpriv (as root) and bwrap with its arguments, then the in-sandbox rlimit sh. */
  private List<String> command(Slot slot, RunRequest request) {
    RunLimits limits = request.limits();
    List<String> cmd = new ArrayList<>();
    if (root) {
      cmd.addAll(
          List.of(
              "/usr/bin/setpriv",
              "--reuid=" + slot.uid,
              "--regid=" + slot.uid,
              "--clear-groups",
              "--inh-caps=-all",
              "--bounding-set=-all"));
    }
    cmd.addAll(
        List.of(
            settings.bwrap(),
            "--unshare-user",
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--disable-userns",
            "--uid",
            Integer.toString(INSIDE_ID),
            "--gid",
            Integer.toString(INSIDE_ID),
            "--hostname",
            "sandbox",
            "--die-with-parent",
            "--new-session",
            "--as-pid-1",
            "--info-fd",
            "3",
            "--ro-bind",
            "/usr",
            "/usr"));
    for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
      addTopLevel(cmd, Path.of(top));
    }
    cmd.addAll(List.of("--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"));
    // Debian's alternatives (cc, c++, java) are links through /etc/alternatives: links only.
    cmd.addAll(List.of("--ro-bind-try", "/etc/alternatives", "/etc/alternatives"));
    for (Path p : request.extraBinds()) {
      cmd.addAll(List.of("--ro-bind-try", p.toString(), p.toString()));
    }
    if (settings.mountProc()) {
      cmd.addAll(List.of("--proc", "/proc"));
    }
    // bwrap's /dev is a tmpfs of unbounded size that the sandbox uid owns: cap /dev/shm like /tmp
    // and make the rest of /dev read-only (device nodes stay usable).
    cmd.addAll(List.of("--dev", "/dev"));
    cmd.addAll(List.of("--size", Long.toString(limits.tmpfsBytes()), "--tmpfs", "/dev/shm"));
    cmd.addAll(List.of("--remount-ro", "/dev"));
    cmd.addAll(List.of("--size", Long.toString(limits.tmpfsBytes()), "--tmpfs", "/tmp"));
    cmd.addAll(
        List.of(
            request.boxWritable() ? "--bind" : "--ro-bind",
            request.box().toString(),
            RunRequest.BOX));
    // bwrap builds the root on a tmpfs of unbounded size: once every mount point exists, make it
    // read-only so that only the size-capped /tmp (and the compile step's box) can be written.
    cmd.addAll(List.of("--remount-ro", "/"));
    cmd.addAll(List.of("--chdir", request.boxWritable() ? RunRequest.BOX : "/tmp", "--clearenv"));
    cmd.addAll(List.of("--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin"));
    cmd.addAll(List.of("--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp"));
    cmd.addAll(List.of("--setenv", "LANG", "C.UTF-8"));
    request.env().forEach((k, v) -> cmd.addAll(List.of("--setenv", k, v)));
    cmd.addAll(List.of("--", "/bin/sh", "-c", RunScripts.rlimits(limits, ""), "arbiter-run"));
    cmd.addAll(request.command());
    return cmd;
  }

  private static void addTopLevel(List<String> cmd, Path top) {
    if (Files.isSymbolicLink(top)) {
      try {
        cmd.addAll(List.of("--symlink", Files.readSymbolicLink(top).toString(), top.toString()));
      } catch (IOException e) {
        // unreadable link: leave it out
      }
    } else if (Files.isDirectory(top)) {
      cmd.addAll(List.of("--ro-bind", top.toString(), top.toString()));
    }
  }

  private String probe() {
    if (!executable(settings.bwrap())) {
      return "bubblewrap ('"
          + settings.bwrap()
          + "') is not installed: install the Debian package 'bubblewrap' (scripts/setup.sh)";
    }
    if (root && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      return "running as root needs /usr/bin/setpriv (util-linux) to drop to an unprivileged uid";
    }
    try {
      Path box = newBox();
      try {
        RunLimits limits =
            new RunLimits(
                java.time.Duration.ofSeconds(10), 5, 64L << 20, true, 1 << 16, 1 << 20, 8, 32);
        RunOutcome o =
            run(new RunRequest(List.of("/bin/true"), box, false, null, null, null, limits));
        return o.succeeded() ? null : "a trivial program failed in the sandbox: " + o.stderrText();
      } finally {
        Boxes.delete(box);
      }
    } catch (IOException | SandboxException e) {
      return "bubblewrap cannot create a sandbox here: " + e.getMessage();
    }
  }

  /** Slot uids bind their box by path: every directory above it must let others traverse. */
  private static String untraversable(Path dir) {
    for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      try {
        if (!Files.getPosixFilePermissions(p)
            .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
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

  private static String probeVersion(String bwrap) {
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

  private static final class Slot {
    final int index;
    final int uid;
    final Path stdin;
    final Path stdout;
    final Path stderr;
    final Path info;
    final Path job;
    final CgroupSlot cgroup;
    SlotSpawner spawner;

    Slot(int index, int uid, Path dir, CgroupSlot cgroup) {
      this.index = index;
      this.uid = uid;
      this.stdin = dir.resolve("stdin");
      this.stdout = dir.resolve("stdout");
      this.stderr = dir.resolve("stderr");
      this.info = dir.resolve("info");
      this.job = dir.resolve("job.sh");
      this.cgroup = cgroup;
    }
  }
}
