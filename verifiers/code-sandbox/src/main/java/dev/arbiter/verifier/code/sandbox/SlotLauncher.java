package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Launches one sandboxed run in a slot and supervises it: writes its stdin, builds the command line
 * ({@link BwrapArguments}), starts the job (through the slot's {@link SlotSpawner} when it has a
 * cgroup, else directly), enforces the wall-clock limit, kills the whole tree on a timeout or a
 * cancellation (interrupt) before the slot is given back, and classifies how the run ended.
 */
final class SlotLauncher {

  private static final int INFO_FD = BwrapArguments.INFO_FD;
  private static final int SECCOMP_FD = BwrapArguments.SECCOMP_FD;

  private final BwrapArguments arguments;
  private final Path seccompProgram;
  private final boolean root;

  /**
   * @param seccompProgram the compiled seccomp filter, or null for none
   * @param root whether this service runs as root (each slot then drops to its own host uid)
   */
  SlotLauncher(BwrapArguments arguments, Path seccompProgram, boolean root) {
    this.arguments = arguments;
    this.seccompProgram = seccompProgram;
    this.root = root;
  }

  /** Runs {@code request} in {@code slot} (which the caller holds exclusively). */
  RunOutcome run(RunSlot slot, RunRequest request, boolean disableUserns) throws IOException {
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
      RunSlot slot, RunRequest request, List<String> command, Map<Integer, Path> inputs)
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
      RunSlot slot, RunRequest request, List<String> command, Map<Integer, Path> inputs)
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
  private static int stop(RunSlot slot, long pid) throws IOException {
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
  private static void killTree(RunSlot slot, Process process) {
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
}
