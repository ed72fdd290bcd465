package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command line of one sandboxed run: {@code setpriv} to the slot uid (as root), {@code bwrap}
 * with its namespaces, seccomp filter and file-system view (the toolchain's paths, a masked {@code
 * /proc}, capped tmpfs, the box), then the in-sandbox rlimit {@code sh} and the program.
 */
final class BwrapArguments {

  /** The uid and gid programs see inside (nobody). */
  static final int INSIDE_ID = 65534;

  /** The descriptors the launcher opens: bwrap's info, the seccomp program, then box files. */
  static final int INFO_FD = 3;

  static final int SECCOMP_FD = 4;
  static final int FIRST_FILE_FD = 5;

  /** dash opens descriptors up to 9 only: at most this many box files are copied, else bound. */
  private static final int MAX_COPIED_FILES = 5;

  private static final long MAX_COPIED_BYTES = 64L << 20;

  private static final String LIBRARY_PATH = "LD_LIBRARY_PATH";

  /**
   * Kernel details a program has no need for: masked with /dev/null (files) or an empty tmpfs
   * (directories). Files only root can read (kmsg, slabinfo, timer_list, ...) stay unreadable to
   * the sandbox uid without a mount.
   */
  private static final List<String> PROC_MASKED_FILES =
      List.of(
          "kallsyms",
          "kcore",
          "config.gz",
          "cmdline",
          "modules",
          "keys",
          "key-users",
          "sched_debug",
          "timer_list",
          "kmsg",
          "kpagecount",
          "kpageflags",
          "kpagecgroup",
          "vmallocinfo",
          "iomem",
          "ioports",
          "slabinfo",
          "latency_stats",
          "version");

  private static final List<String> PROC_MASKED_DIRS =
      List.of("sys/kernel", "acpi", "scsi", "driver", "fs", "bus");

  private final String bwrap;
  private final boolean mountProc;
  private final VisiblePaths visible;
  private final List<String> procMasks;

  BwrapArguments(String bwrap, VisiblePaths visible, boolean mountProc) {
    this.bwrap = bwrap;
    this.visible = visible;
    this.mountProc = mountProc;
    this.procMasks = procMasks();
  }

  /**
   * setpriv (when {@code uid} is not -1) and bwrap with its arguments, then the in-sandbox rlimit
   * sh and the program. {@code inputs} holds the files the launcher opens for bwrap (the seccomp
   * program on {@link #SECCOMP_FD}, if any); box files copied into the sandbox are added to it.
   */
  List<String> command(
      int uid, RunRequest request, Map<Integer, Path> inputs, boolean disableUserns)
      throws IOException {
    RunLimits limits = request.limits();
    List<String> cmd = new ArrayList<>();
    if (uid != -1) {
      cmd.addAll(
          List.of(
              "/usr/bin/setpriv",
              "--reuid=" + uid,
              "--regid=" + uid,
              "--clear-groups",
              "--inh-caps=-all",
              "--bounding-set=-all"));
    }
    cmd.addAll(
        List.of(
            bwrap,
            "--unshare-user",
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try"));
    if (disableUserns) {
      cmd.add("--disable-userns");
    }
    cmd.addAll(
        List.of(
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
            Integer.toString(INFO_FD)));
    if (inputs.containsKey(SECCOMP_FD)) {
      cmd.addAll(List.of("--seccomp", Integer.toString(SECCOMP_FD)));
    }
    // Only the toolchain's paths: the base (/usr/bin, libraries) and what this executable needs.
    Set<Path> binds = new LinkedHashSet<>(visible.base());
    if (!request.command().isEmpty()) {
      binds.addAll(visible.forExecutable(request.command().get(0)));
    }
    for (Path p : binds) {
      cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
    }
    for (String top : List.of("/bin", "/lib", "/lib32", "/lib64", "/libx32")) {
      addTopLevel(cmd, Path.of(top));
    }
    cmd.addAll(List.of("--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"));
    // Debian's alternatives (cc, c++, java) are links through /etc/alternatives: links only.
    cmd.addAll(List.of("--ro-bind-try", "/etc/alternatives", "/etc/alternatives"));
    for (Path p : request.extraBinds()) {
      cmd.addAll(List.of("--ro-bind-try", p.toString(), p.toString()));
    }
    if (mountProc) {
      cmd.addAll(List.of("--proc", "/proc"));
      cmd.addAll(procMasks);
    }
    // bwrap's /dev is a tmpfs of unbounded size that the sandbox uid owns: cap /dev/shm like /tmp
    // and make the rest of /dev read-only (device nodes stay usable).
    cmd.addAll(List.of("--dev", "/dev"));
    cmd.addAll(List.of("--size", Long.toString(limits.tmpfsBytes()), "--tmpfs", "/dev/shm"));
    cmd.addAll(List.of("--remount-ro", "/dev"));
    cmd.addAll(List.of("--size", Long.toString(limits.tmpfsBytes()), "--tmpfs", "/tmp"));
    addBox(cmd, request, inputs);
    // bwrap builds the root on a tmpfs of unbounded size: once every mount point exists, make it
    // read-only so that only the size-capped /tmp (and the compile step's box) can be written.
    cmd.addAll(List.of("--remount-ro", "/"));
    cmd.addAll(List.of("--chdir", request.boxWritable() ? RunRequest.BOX : "/tmp", "--clearenv"));
    cmd.addAll(List.of("--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin"));
    cmd.addAll(List.of("--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp"));
    cmd.addAll(List.of("--setenv", "LANG", "C.UTF-8"));
    if (!mountProc && !request.command().isEmpty() && !request.env().containsKey(LIBRARY_PATH)) {
      // Without /proc the loader cannot resolve an $ORIGIN run path (it reads /proc/self/exe):
      // name the toolchain home's lib/ instead, or java cannot load libjli.so.
      List<Path> libs = visible.libraryDirectories(request.command().get(0));
      if (!libs.isEmpty()) {
        cmd.addAll(
            List.of(
                "--setenv",
                LIBRARY_PATH,
                String.join(":", libs.stream().map(Path::toString).toList())));
      }
    }
    request.env().forEach((k, v) -> cmd.addAll(List.of("--setenv", k, v)));
    cmd.addAll(List.of("--", "/bin/sh", "-c", RunScripts.rlimits(limits, ""), "arbiter-run"));
    cmd.addAll(request.command());
    return cmd;
  }

  /**
   * The box at {@code /box}. A bind mount shows its host path in {@code /proc/self/mountinfo}, so a
   * read-only box of a few plain files (the usual: a source and a binary) is copied into the
   * sandbox's own root instead ({@code --file}); the compile step, which writes into the box, and
   * larger boxes are bound.
   */
  private static void addBox(List<String> cmd, RunRequest request, Map<Integer, Path> inputs)
      throws IOException {
    List<Path> files = request.boxWritable() ? null : copyable(request.box());
    if (files == null) {
      cmd.addAll(
          List.of(
              request.boxWritable() ? "--bind" : "--ro-bind",
              request.box().toString(),
              RunRequest.BOX));
      return;
    }
    cmd.addAll(List.of("--perms", "0755", "--dir", RunRequest.BOX));
    int fd = FIRST_FILE_FD;
    for (Path f : files) {
      inputs.put(fd, f);
      String mode = Files.isExecutable(f) ? "0555" : "0444";
      cmd.addAll(
          List.of(
              "--perms",
              mode,
              "--file",
              Integer.toString(fd),
              RunRequest.BOX + "/" + f.getFileName()));
      fd++;
    }
  }

  /** The box's files when it holds only a few plain files (no links, no directories), else null. */
  private static List<Path> copyable(Path box) throws IOException {
    List<Path> files = new ArrayList<>();
    long bytes = 0;
    try (Stream<Path> entries = Files.list(box)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            || files.size() == MAX_COPIED_FILES) {
          return null;
        }
        bytes += Files.size(p);
        files.add(p);
      }
    }
    return bytes > MAX_COPIED_BYTES ? null : files;
  }

  /** bwrap arguments that hide kernel details in the fresh /proc (only paths this kernel has). */
  private static List<String> procMasks() {
    List<String> args = new ArrayList<>();
    for (String f : PROC_MASKED_FILES) {
      if (othersCanRead(Path.of("/proc", f))) {
        // --dev-bind: a plain (or read-only) bind is nodev, where /dev/null would not open;
        // writes to it are discarded anyway.
        args.addAll(List.of("--dev-bind", "/dev/null", "/proc/" + f));
      }
    }
    for (String d : PROC_MASKED_DIRS) {
      if (Files.isDirectory(Path.of("/proc", d))) {
        args.addAll(
            List.of("--size", "4096", "--tmpfs", "/proc/" + d, "--remount-ro", "/proc/" + d));
      }
    }
    return args;
  }

  private static boolean othersCanRead(Path file) {
    try {
      return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException e) {
      return false; // not on this kernel
    }
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
}
