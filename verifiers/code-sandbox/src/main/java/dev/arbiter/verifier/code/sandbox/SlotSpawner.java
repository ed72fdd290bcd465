package dev.arbiter.verifier.code.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small {@code sh} that lives in one slot's cgroup and starts that slot's sandboxes, so that they
 * are born in the cgroup. Moving a process into a cgroup v1 costs 7–10 ms here (the migration waits
 * for an RCU grace period; measured in BENCHMARKS.md) — more than the whole sandbox otherwise costs
 * — while a fork inside the cgroup costs nothing extra. It joins the cgroup once.
 *
 * <p>Protocol, one run at a time: the service writes the path of a job script; the spawner starts
 * it in the background, answers {@code pid N}, waits, and answers {@code exit S}. The job script
 * redirects its own stdin/stdout/stderr to the slot's files, so nothing of the program reaches this
 * control channel (an asynchronous command's stdin is /dev/null in a non-interactive sh).
 */
final class SlotSpawner {

  private static final String LOOP =
      "for f in $ARB_CGROUP_PROCS; do echo $$ > \"$f\" || exit 121; done;"
          + " while IFS= read -r job; do /bin/sh \"$job\" & echo \"pid $!\"; wait $!;"
          + " echo \"exit $?\"; done";

  private final Process process;
  private final OutputStream control;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  /** What one job did: the job's host pid and its exit status, or null status on a timeout. */
  record Job(long pid, Integer exit) {}

  SlotSpawner(List<Path> cgroupProcs) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", LOOP, "arbiter-spawner");
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment()
        .put(
            "ARB_CGROUP_PROCS",
            String.join(" ", cgroupProcs.stream().map(Path::toString).toList()));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    this.process = pb.start();
    this.control = process.getOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the spawner is gone: alive() says so
              }
              lines.add("eof");
            },
            "sandbox-spawner-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Starts {@code script}; returns the job's pid, or throws when the spawner does not answer. */
  long start(Path script) throws IOException {
    lines.clear();
    control.write((script + "\n").getBytes(StandardCharsets.UTF_8));
    control.flush();
    String line = next(10_000);
    if (line == null || !line.startsWith("pid ")) {
      throw new IOException("sandbox spawner did not start the job (" + line + ")");
    }
    return Long.parseLong(line.substring(4).trim());
  }

  /**
   * The job's exit status, or null when it did not end within {@code millis}; throws {@link
   * InterruptedException} when the waiting thread is interrupted (the run is being cancelled).
   */
  Integer awaitExit(long millis) throws IOException, InterruptedException {
    return exitLine(lines.poll(millis, TimeUnit.MILLISECONDS));
  }

  /** As {@link #awaitExit}, but a pending interrupt does not cut it short (it stays pending). */
  Integer awaitExitUninterruptibly(long millis) throws IOException {
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      while (true) {
        try {
          return exitLine(
              lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Integer exitLine(String line) throws IOException {
    if (line == null) {
      return null;
    }
    if ("eof".equals(line)) {
      throw new IOException("sandbox spawner exited");
    }
    if (!line.startsWith("exit ")) {
      throw new IOException("sandbox spawner answered '" + line + "'");
    }
    return Integer.parseInt(line.substring(5).trim());
  }

  private String next(long millis) throws IOException {
    try {
      String line = lines.poll(millis, TimeUnit.MILLISECONDS);
      if ("eof".equals(line)) {
        throw new IOException("sandbox spawner exited");
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the sandbox spawner");
    }
  }

  void close() {
    try {
      control.close();
    } catch (IOException e) {
      // already gone
    }
    process.destroyForcibly();
  }

  /** cutime + cstime of {@code pid} (its reaped children), in clock ticks; 0 if unreadable. */
  static long childCpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** A POSIX sh single-quoted word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Writes the job script: redirections (stdin, stdout, stderr, bwrap's info on fd 3, and {@code
   * inputs} opened for reading on their descriptors), then exec of {@code command}.
   */
  static void writeJob(
      Path script,
      Path in,
      Path out,
      Path err,
      Path info,
      java.util.Map<Integer, Path> inputs,
      List<String> command)
      throws IOException {
    StringBuilder s = new StringBuilder("exec 0<").append(quote(in.toString()));
    s.append(" 1>").append(quote(out.toString()));
    s.append(" 2>").append(quote(err.toString()));
    s.append(" 3>").append(quote(info.toString()));
    inputs.forEach(
        (fd, path) -> s.append(' ').append(fd).append('<').append(quote(path.toString())));
    s.append(" || exit 122\nexec");
    for (String arg : command) {
      s.append(' ').append(quote(arg));
    }
    s.append('\n');
    Files.writeString(script, s.toString(), StandardCharsets.UTF_8);
  }
}
