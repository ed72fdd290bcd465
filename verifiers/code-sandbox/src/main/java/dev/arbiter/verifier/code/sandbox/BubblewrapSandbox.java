package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
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

  /** Ids from {@code host-uid-base} on that an instance may claim. */
  public static final int DEFAULT_SLOT_RANGE = 256;

  private final Settings settings;
  private final Path boxes;
  private final boolean root;
  private final BlockingQueue<RunSlot> free;
  private final List<RunSlot> all = new ArrayList<>();
  private final SlotClaims claims;
  private final String cgroupDescription;
  private final String version;
  private final SlotLauncher launcher;
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
    this.root = BwrapHost.runsAsRoot();
    this.free = new ArrayBlockingQueue<>(Math.max(1, settings.slots()));
    this.boxes = settings.scratch().resolve("boxes");
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
              root ? BwrapHost.uidsWithProcesses()::contains : id -> false);
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
          RunSlot slot = new RunSlot(ids.get(i), dirs.get(i), cg);
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
    this.launcher =
        new SlotLauncher(
            new BwrapArguments(settings.bwrap(), new VisiblePaths(), settings.mountProc()),
            program,
            root);
    this.seccompDescription = seccomp;
    this.version = BwrapHost.version(settings.bwrap());
    if (reason == null && root) {
      reason = BwrapHost.untraversable(boxes);
    }
    this.fatal = reason;
    if (reason == null) {
      reason = check(true);
      if (BwrapHost.userNamespaceLimitReadOnly(reason) && seccompProgram != null) {
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
    for (RunSlot slot : all) {
      SlotSpawner spawner = slot.spawner;
      if (spawner != null && spawner.alive()) {
        ticks += SlotSpawner.childCpuTicks(spawner.pid());
      }
    }
    return ticks;
  }

  /** Removes the slot cgroups and releases the slot claims (Spring calls this on close). */
  public void close() {
    for (RunSlot slot : all) {
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
    RunSlot slot = RunScripts.take(free, settings.slotWait());
    try {
      return launcher.run(slot, request, disableUserns);
    } catch (IOException e) {
      throw new SandboxException("sandbox run failed: " + e.getMessage(), e);
    } finally {
      free.add(slot);
    }
  }

  /**
   * Whether bubblewrap can start a program now: installed, {@code setpriv} present when root, and
   * {@code /bin/true} runs in a sandbox. With {@code waitForSlot} false (a health re-check) and
   * every slot busy, the sandbox is evidently running programs: the last verdict stands.
   */
  private String check(boolean waitForSlot) {
    String missing = BwrapHost.missingTools(settings.bwrap(), root);
    if (missing != null) {
      return missing;
    }
    RunSlot slot;
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
            launcher.run(
                slot,
                new RunRequest(List.of("/bin/true"), box, false, null, null, null, limits),
                disableUserns);
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
}
