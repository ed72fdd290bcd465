package dev.arbiter.verifier.code.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default backend: each run is a fresh bubblewrap sandbox (user, PID, network, IPC, UTS and
 * mount namespaces; the {@link SeccompFilter}; only the toolchain's paths, read-only, and a masked
 * {@code /proc}; a fresh size-capped tmpfs at {@code /tmp}; no environment but what the language
 * needs), built by {@link BwrapArguments}.
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

  /** Ids from {@code host-uid-base} on that an instance may claim. */
  public static final int DEFAULT_SLOT_RANGE = 256;

  /** The file descriptors the launcher opens: bwrap's info, the seccomp program. */
  private static final int INFO_FD = BwrapArguments.INFO_FD;

  private static final int SECCOMP_FD = BwrapArguments.SECCOMP_FD;

  private final Settings settings;
  private final Path boxes;
  private final boolean root;
  private final BlockingQueue<Slot> free;
  private final List<Slot> all = new ArrayList<>();
  private final SlotClaims claims;
  private final String cgroupDescription;
  private final String version;
  private final BwrapArguments arguments;
  private final Path seccompProgram;
  private final String seccompDescription;
  private final Probe probe;
  private final LongSupplier nanoClock;
  private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
  private final Object recheckLock = new Object();

  /** Why this instance can never run (scratch, claims): no re-check helps. */
  private final String fatal;

  private volatile boolean disableUserns = true;
  private volatile String unavailable;
  private volatile long checkedAt;

  /**
   * @param bwrap the bwrap executable
   * @param slots concurrent sandboxes
   * @param hostUidBase slot ids (and, when running as root, host uids) start here
   * @param scratch a private host directory for the capture files (created 0700)
   * @param useCgroups try to create per-slot cgroups
   * @param slotWait how long a run waits for a free slot before failing
   * @param mountProc mount a fresh {@code /proc} in each sandbox (off where the container runtime
   *     masks the host's /proc so that a new one cannot be mounted, e.g. a default Kubernetes pod)
   * @param lockDir where slots are claimed with file locks (null: {@code /run/arbiter-sandbox} when
   *     root, else {@code scratch/locks})
   * @param slotRange how many ids from {@code hostUidBase} on may be claimed
   * @param seccomp load the {@link SeccompFilter} (off only to compare in tests)
   * @param recheck how long a health verdict is kept before bubblewrap is probed again
   */
  public record Settings(
      String bwrap,
      int slots,
      int hostUidBase,
      Path scratch,
      boolean useCgroups,
      Duration slotWait,
      boolean mountProc,
      Path lockDir,
      int slotRange,
      boolean seccomp,
      Duration recheck) {

    /** Default claims (lock directory, 256 ids), the seccomp filter, a 10 s health re-check. */
    public Settings(
        String bwrap,
        int slots,
        int hostUidBase,
        Path scratch,
        boolean useCgroups,
        Duration slotWait,
        boolean mountProc) {
      this(
          bwrap,
          slots,
          hostUidBase,
          scratch,
          useCgroups,
          slotWait,
          mountProc,
          null,
          DEFAULT_SLOT_RANGE,
          true,
          Duration.ofSeconds(10));
    }
  }

  /** Checks that bubblewrap can start a program now: null when it can, else why not (a seam). */
  @FunctionalInterface
  public interface Probe {
    String failure();
  }

  public BubblewrapSandbox(Settings settings) {
    this(settings, null, System::nanoTime);
  }

  /**
   * @param probe checks bubblewrap on each health re-check (null: the real check, which runs {@code
   *     /bin/true} in a sandbox)
   * @param nanoClock the clock of the re-check interval
   */
  public BubblewrapSandbox(Settings settings, Probe probe, LongSupplier nanoClock) {
    this.settings = settings;
    this.root = "root".equals(System.getProperty("user.name")) || isUidZero();
    this.free = new ArrayBlockingQueue<>(Math.max(1, settings.slots()));
    this.boxes = settings.scratch().resolve("boxes");
    this.arguments = new BwrapArguments(settings.bwrap(), new VisiblePaths(), settings.mountProc());
    this.nanoClock = nanoClock;
    this.probe = probe != null ? probe : () -> check(false);
    String reason = null;
    SlotClaims claimed = null;
    Path lockDir = settings.lockDir() != null ? settings.lockDir() : defaultLockDir();
    try {
      claimed =
          SlotClaims.claim(
              lockDir,
              settings.hostUidBase(),
              settings.slots(),
              settings.slotRange(),
              root ? uidsWithProcesses()::contains : id -> false);
      if (claimed.ids().size() < settings.slots()) {
        reason =
            "only "
                + claimed.ids().size()
                + " of "
                + settings.slots()
                + " sandbox slots are free: ids "
                + settings.hostUidBase()
                + ".."
                + (settings.hostUidBase() + settings.slotRange() - 1)
                + " are claimed by other instances on this host (locks in "
                + lockDir
                + "); give this instance its own arbiter.code.host-uid-base or fewer"
                + " arbiter.code.slots";
      }
    } catch (IOException e) {
      reason =
          "cannot claim sandbox slots in "
              + lockDir
              + ": "
              + e.getMessage()
              + "; set arbiter.code.lock-dir to a writable directory";
    }
    this.claims = claimed;
    List<Integer> ids = reason == null ? claimed.ids() : List.of();
    Cgroups cgroups =
        settings.useCgroups() && !ids.isEmpty()
            ? Cgroups.create(
                "arbiter-sandbox-" + settings.hostUidBase() + "-" + ProcessHandle.current().pid(),
                ids.size())
            : null;
    this.cgroupDescription =
        cgroups == null ? "cgroups disabled by configuration" : cgroups.description();
    if (reason == null) {
      try {
        // Capture files stay private to the service: slot directories are 0700.
        List<Path> dirs = Boxes.prepareScratch(settings.scratch(), ids, "rwx------");
        for (int i = 0; i < ids.size(); i++) {
          CgroupSlot cg =
              cgroups == null || cgroups.slots().isEmpty() ? null : cgroups.slots().get(i);
          Slot slot = new Slot(ids.get(i), dirs.get(i), cg);
          all.add(slot);
          free.add(slot);
        }
      } catch (IOException e) {
        reason = "cannot create scratch directory " + settings.scratch() + ": " + e.getMessage();
      }
    }
    Path program = null;
    String seccomp;
    Optional<SeccompFilter.Arch> arch = SeccompFilter.Arch.host();
    if (!settings.seccomp()) {
      seccomp = "no seccomp filter (disabled)";
    } else if (arch.isEmpty()) {
      seccomp = "no seccomp filter (none for " + System.getProperty("os.arch") + ")";
    } else {
      seccomp = "seccomp filter (" + arch.get().name().toLowerCase(Locale.ROOT) + ")";
      if (reason == null) {
        program = settings.scratch().resolve("seccomp.bpf");
        try {
          Files.write(program, SeccompFilter.compile(arch.get()));
        } catch (IOException e) {
          reason = "cannot write the seccomp filter " + program + ": " + e.getMessage();
        }
      }
    }
    this.seccompProgram = program;
    this.seccompDescription = seccomp;
    this.version = probeVersion(settings.bwrap());
    if (reason == null && root) {
      reason = untraversable(boxes);
    }
    this.fatal = reason;
    if (reason == null) {
      reason = check(true);
      if (reason != null && reason.contains("max_user_namespaces") && seccompProgram != null) {
        // A pod's read-only /proc/sys: bwrap cannot lower the nested-namespace limit there; the
        // seccomp filter (unshare, setns, clone with CLONE_NEWUSER refused) keeps them out instead.
        disableUserns = false;
        reason = check(true);
      }
    }
    this.unavailable = reason;
    this.checkedAt = nanoClock.getAsLong();
    if (reason != null) {
      log.error("bubblewrap sandbox unavailable: {}", reason);
    } else {
      log.info("bubblewrap sandbox ready: {}", describe());
    }
  }

  /** The real uids of this host's processes (a uid still in use is not claimed). */
  static Set<Integer> uidsWithProcesses() {
    Set<Integer> uids = new java.util.HashSet<>();
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

  /** Host-wide when root (slot ids are host uids); per scratch directory otherwise. */
  private Path defaultLockDir() {
    Path run = Path.of("/run");
    if (root && Files.isWritable(run)) {
      return run.resolve("arbiter-sandbox");
    }
    return settings.scratch().resolve("locks");
  }

  /** The slot ids (host uids when root) this instance claimed. */
  public List<Integer> slotIds() {
    return all.stream().map(s -> s.id).toList();
  }

  /** Runs {@code listener} (on its own thread) each time a re-check finds the sandbox back UP. */
  public void onRecovered(Runnable listener) {
    recoveryListeners.add(listener);
  }

  /**
   * CPU time (clock ticks) of the runs the slot spawners have reaped so far; with {@code
   * /proc/self/stat}'s children time it accounts for every run (used by the benchmark).
   */
  public long spawnedCpuTicks() {
    long ticks = 0;
    for (Slot slot : all) {
      SlotSpawner spawner = slot.spawner;
      if (spawner != null && spawner.alive()) {
        ticks += SlotSpawner.childCpuTicks(spawner.pid());
      }
    }
    return ticks;
  }

  /** Removes the slot cgroups and releases the slot claims (Spring calls this on close). */
  public void close() {
    for (Slot slot : all) {
      if (slot.spawner != null) {
        slot.spawner.close();
      }
      if (slot.cgroup != null) {
        slot.cgroup.remove();
      }
    }
    if (claims != null) {
      claims.close();
    }
  }

  @Override
  public Path newBox() throws IOException {
    return Boxes.create(boxes);
  }

  /**
   * Null when programs can run, else why not. Re-checks bubblewrap when the last verdict is older
   * than {@code recheck}, so installing it after start-up turns the sandbox UP and removing it
   * turns it DOWN.
   */
  @Override
  public String unavailableReason() {
    if (fatal != null) {
      return fatal;
    }
    long now = nanoClock.getAsLong();
    if (now - checkedAt >= settings.recheck().toNanos()) {
      synchronized (recheckLock) {
        if (now - checkedAt >= settings.recheck().toNanos()) {
          recheck();
        }
      }
    }
    return unavailable;
  }

  private void recheck() {
    String before = unavailable;
    String after = probe.failure();
    unavailable = after;
    checkedAt = nanoClock.getAsLong();
    if (after != null && !after.equals(before)) {
      log.error("bubblewrap sandbox unavailable: {}", after);
    } else if (after == null && before != null) {
      log.info("bubblewrap sandbox available again: {}", describe());
      for (Runnable listener : recoveryListeners) {
        Thread t = new Thread(listener, "sandbox-recovered");
        t.setDaemon(true);
        t.start();
      }
    }
  }

  @Override
  public String describe() {
    return version
        + ", "
        + all.size()
        + " slots, "
        + (root ? "host uids " + slotIds() : "service uid (not root)")
        + ", "
        + cgroupDescription
        + ", "
        + seccompDescription
        + (disableUserns ? "" : ", nested user namespaces refused by seccomp only");
  }

  @Override
  public RunOutcome run(RunRequest request) {
    if (all.isEmpty()) {
      throw new SandboxException("sandbox unavailable: " + fatal);
    }
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
      Files.setAttribute(request.box(), "unix:uid", slot.id);
      Files.setAttribute(request.box(), "unix:gid", slot.id);
    }
    Map<Integer, Path> inputs = new LinkedHashMap<>();
    if (seccompProgram != null) {
      inputs.put(SECCOMP_FD, seccompProgram);
    }
    List<String> cmd = arguments.command(root ? slot.id : -1, request, inputs, disableUserns);
    long start = System.nanoTime();
    Launched run =
        slot.cgroup != null
            ? viaSpawner(slot, request, cmd, inputs)
            : direct(slot, request, cmd, inputs);
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
  private Launched direct(
      Slot slot, RunRequest request, List<String> command, Map<Integer, Path> inputs)
      throws IOException {
    StringBuilder launch = new StringBuilder("exec " + INFO_FD + ">\"$ARB_INFO\"");
    inputs.forEach(
        (fd, path) ->
            launch.append(' ').append(fd).append('<').append(SlotSpawner.quote(path.toString())));
    launch.append(" || exit 122; exec \"$@\"");
    List<String> cmd =
        new ArrayList<>(List.of("/bin/sh", "-c", launch.toString(), "arbiter-launch"));
    cmd.addAll(command);
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
        return new Launched(process.isAlive() ? 128 + 9 : process.exitValue(), true);
      }
      return new Launched(process.exitValue(), false);
    } catch (InterruptedException e) {
      // Cancelled (Future.cancel(true)): take the whole tree down before the slot is given back.
      killTree(slot, process);
      Thread.currentThread().interrupt();
      throw new SandboxException("cancelled: the sandboxed program was killed");
    }
  }

  /**
   * With a cgroup: the slot's spawner, already in the cgroup, starts the job, so the sandbox is
   * born there (no per-run cgroup migration).
   */
  private Launched viaSpawner(
      Slot slot, RunRequest request, List<String> command, Map<Integer, Path> inputs)
      throws IOException {
    if (slot.spawner == null || !slot.spawner.alive()) {
      if (slot.spawner != null) {
        slot.spawner.close();
      }
      slot.spawner = new SlotSpawner(slot.cgroup.procsFiles());
    }
    SlotSpawner.writeJob(
        slot.job, slot.stdin, slot.stdout, slot.stderr, slot.info, inputs, command);
    boolean cancelled = false;
    long pid = 0;
    try {
      // Interrupted while starting: IOException, the spawner is closed and the sweep below kills
      // whatever it had started.
      pid = slot.spawner.start(slot.job);
      Integer exit = slot.spawner.awaitExit(request.limits().wall().toMillis());
      if (exit != null) {
        return new Launched(exit, false);
      }
      return new Launched(stop(slot, pid), true);
    } catch (InterruptedException e) {
      // Cancelled (Future.cancel(true)): kill the tree and reap it before the slot is given back.
      cancelled = true;
      stop(slot, pid);
      throw new SandboxException("cancelled: the sandboxed program was killed");
    } catch (IOException | RuntimeException e) {
      slot.spawner.close();
      throw e;
    } finally {
      slot.cgroup.killLeftovers(slot.spawner.pid());
      if (cancelled) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Kills a running job (the sandbox's pid 1, then the job itself) and returns its status. */
  private static int stop(Slot slot, long pid) throws IOException {
    long child = childPid(slot.info);
    ProcessHandle.of(child > 0 ? child : pid).ifPresent(ProcessHandle::destroyForcibly);
    Integer exit = slot.spawner.awaitExitUninterruptibly(1000);
    if (exit == null) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      exit = slot.spawner.awaitExitUninterruptibly(5000);
    }
    if (exit == null) {
      slot.spawner.close();
      throw new SandboxException("a sandboxed run could not be stopped");
    }
    return exit;
  }

  /**
   * Kills the sandbox's pid 1 (the kernel then kills everything in its PID namespace) so that the
   * outer bwrap reaps it and exits; kills the outer bwrap only if that did not happen. A pending
   * interrupt does not cut this short (a cancelled run must still end); it stays pending.
   */
  private static void killTree(Slot slot, Process process) {
    boolean interrupted = Thread.interrupted();
    try {
      long child = childPid(slot.info);
      if (child > 0) {
        ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        if (process.waitFor(1, TimeUnit.SECONDS)) {
          return;
        }
      }
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
      process.destroyForcibly();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The host pid of the sandbox's pid 1, from bwrap's {@code --info-fd} JSON; 0 if unknown. */
  static long childPid(Path info) {
    try {
      String json = Files.readString(info);
      Matcher m = Pattern.compile("\"child-pid\"\\s*:\\s*(\\d+)").matcher(json);
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Whether bubblewrap can start a program now: installed, {@code setpriv} present when root, and
   * {@code /bin/true} runs in a sandbox. With {@code waitForSlot} false (a health re-check) and
   * every slot busy, the sandbox is evidently running programs: the last verdict stands.
   */
  private String check(boolean waitForSlot) {
    if (!executable(settings.bwrap())) {
      return "bubblewrap ('"
          + settings.bwrap()
          + "') is not installed: install the Debian package 'bubblewrap' (scripts/setup.sh)";
    }
    if (root && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      return "running as root needs /usr/bin/setpriv (util-linux) to drop to an unprivileged uid";
    }
    Slot slot;
    try {
      slot = waitForSlot ? RunScripts.take(free, settings.slotWait()) : free.poll();
    } catch (SandboxException e) {
      return e.getMessage();
    }
    if (slot == null) {
      return unavailable;
    }
    try {
      Path box = newBox();
      try {
        RunLimits limits =
            new RunLimits(Duration.ofSeconds(10), 5, 64L << 20, true, 1 << 16, 1 << 20, 8, 32);
        RunOutcome o =
            runIn(slot, new RunRequest(List.of("/bin/true"), box, false, null, null, null, limits));
        return o.succeeded() ? null : "a trivial program failed in the sandbox: " + o.stderrText();
      } finally {
        Boxes.delete(box);
      }
    } catch (IOException | SandboxException e) {
      return "bubblewrap cannot create a sandbox here: " + e.getMessage();
    } finally {
      free.add(slot);
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
    /** The slot id: its host uid when the service runs as root. */
    final int id;

    final Path stdin;
    final Path stdout;
    final Path stderr;
    final Path info;
    final Path job;
    final CgroupSlot cgroup;
    volatile SlotSpawner spawner;

    Slot(int id, Path dir, CgroupSlot cgroup) {
      this.id = id;
      this.stdin = dir.resolve("stdin");
      this.stdout = dir.resolve("stdout");
      this.stderr = dir.resolve("stderr");
      this.info = dir.resolve("info");
      this.job = dir.resolve("job.sh");
      this.cgroup = cgroup;
    }
  }
}
