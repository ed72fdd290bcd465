package dev.arbiter.verifier.code.lang;

import dev.arbiter.server.scoring.WorkerPools;
import dev.arbiter.verifier.code.sandbox.Boxes;
import dev.arbiter.verifier.code.sandbox.RunLimits;
import dev.arbiter.verifier.code.sandbox.RunOutcome;
import dev.arbiter.verifier.code.sandbox.RunRequest;
import dev.arbiter.verifier.code.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The languages this host can run: each toolchain is looked up on a search path and then proved by
 * running its version command inside the sandbox, so a toolchain the sandbox cannot see (outside
 * the binds, unreadable to the sandbox uid) is reported unavailable with the reason.
 */
public final class Languages {

  private volatile List<Language> all;

  public Languages(List<Language> all) {
    this.all = List.copyOf(all);
  }

  /** Takes {@code detected}'s catalog (a re-detection once the sandbox is back up). */
  public void refresh(Languages detected) {
    this.all = detected.all;
  }

  public List<Language> all() {
    return all;
  }

  /** The language named {@code name} (id or alias), available or not. */
  public Optional<Language> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return all.stream().filter(l -> l.matches(name.strip())).findFirst();
  }

  /** Finds the toolchains on this host's {@code searchPath} and proves each in {@code sandbox}. */
  public static Languages detect(Sandbox sandbox, List<Path> searchPath) {
    return prove(sandbox, candidates(tool -> find(searchPath, tool)));
  }

  /**
   * Finds the toolchains inside the sandbox's own file system (the docker backend's runner image)
   * and proves each there.
   */
  public static Languages detectInSandbox(Sandbox sandbox) {
    Map<String, Path> found = new java.util.HashMap<>();
    if (sandbox.unavailableReason() == null) {
      Path box = null;
      try {
        box = sandbox.newBox();
        String script =
            "for t in python3 g++ javac node bash go rustc; do p=$(command -v \"$t\") &&"
                + " echo \"$t=$(readlink -f \"$p\")\"; done; exit 0";
        RunLimits limits =
            new RunLimits(Duration.ofSeconds(20), 10, 256L << 20, false, 1 << 16, 1 << 20, 16, 64);
        RunOutcome o =
            sandbox.run(
                new RunRequest(
                    List.of("/bin/sh", "-c", script), box, false, null, null, null, limits));
        for (String line : o.stdoutText().split("\n")) {
          int eq = line.indexOf('=');
          if (eq > 0 && line.length() > eq + 1) {
            found.put(line.substring(0, eq), Path.of(line.substring(eq + 1)));
          }
        }
      } catch (IOException | RuntimeException e) {
        // every language then reports the toolchain missing
      } finally {
        Boxes.delete(box);
      }
    }
    return prove(sandbox, candidates(tool -> Optional.ofNullable(found.get(tool))));
  }

  private static Languages prove(Sandbox sandbox, List<Language> candidates) {
    if (sandbox.unavailableReason() != null) {
      return new Languages(
          candidates.stream()
              .map(l -> l.available() ? l.withUnavailable("sandbox unavailable") : l)
              .toList());
    }
    ExecutorService probes = WorkerPools.queued("code-language-probe", 3);
    try {
      List<CompletableFuture<Language>> futures = new ArrayList<>();
      for (Language l : candidates) {
        futures.add(CompletableFuture.supplyAsync(() -> prove(sandbox, l), probes));
      }
      return new Languages(futures.stream().map(CompletableFuture::join).toList());
    } finally {
      probes.shutdown();
    }
  }

  private static Language prove(Sandbox sandbox, Language l) {
    if (!l.available()) {
      return l;
    }
    List<String> cmd = l.compiled() ? l.compile() : l.run();
    String exe = cmd.get(0);
    List<String> probe =
        List.of(exe, exe.endsWith("/java") || exe.endsWith("/javac") ? "-version" : "--version");
    if (l.id().equals("go")) {
      probe = List.of(exe, "version");
    }
    Path box = null;
    try {
      box = sandbox.newBox();
      RunLimits limits =
          new RunLimits(Duration.ofSeconds(20), 10, 1L << 30, false, 1 << 16, 64L << 20, 128, 256);
      RunOutcome o =
          sandbox.run(new RunRequest(probe, box, false, null, l.env(), l.extraBinds(), limits));
      String text = (o.stdoutText() + "\n" + o.stderrText()).strip();
      String first = text.isEmpty() ? "" : text.lines().findFirst().orElse("");
      if (!o.succeeded()) {
        return l.withUnavailable(
            exe
                + " did not run in the sandbox ("
                + o.termination()
                + ", exit "
                + o.exitCode()
                + "): "
                + first);
      }
      return l.withVersion(first);
    } catch (IOException | RuntimeException e) {
      return l.withUnavailable(exe + " could not be probed: " + e.getMessage());
    } finally {
      Boxes.delete(box);
    }
  }

  /** The catalog, with toolchains resolved by {@code locate} (unproved). */
  static List<Language> candidates(Function<String, Optional<Path>> locate) {
    List<Language> out = new ArrayList<>();
    out.add(
        interpreted(
            "python",
            List.of("python3", "py", "python", "py3"),
            locate.apply("python3"),
            exe -> List.of(exe, "-I", "-B", "/box/main.py"),
            Map.of("PYTHONIOENCODING", "utf-8"),
            true,
            4));
    out.add(
        compiled(
            "cpp",
            List.of("c++", "cxx", "cc", "g++"),
            locate.apply("g++"),
            exe -> List.of(exe, "-std=c++17", "-O2", "-pipe", "-o", "/box/main", "/box/main.cpp"),
            List.of("/box/main"),
            Map.of(),
            List.of(),
            true,
            4));
    out.add(java(locate));
    out.add(
        interpreted(
            "javascript",
            List.of("js", "node", "nodejs"),
            locate.apply("node"),
            exe ->
                List.of(exe, "--max-old-space-size={heap_mb}", "--stack-size=8192", "/box/main.js"),
            Map.of(),
            false,
            32));
    out.add(
        interpreted(
            "bash",
            List.of("sh", "shell", "bash"),
            locate.apply("bash"),
            exe -> List.of(exe, "/box/main.sh"),
            Map.of(),
            true,
            4));
    out.add(
        compiled(
            "go",
            List.of("golang"),
            locate.apply("go"),
            exe -> List.of(exe, "build", "-o", "/box/main", "/box/main.go"),
            List.of("/box/main"),
            Map.of(
                "GOCACHE", "/tmp/go-cache",
                "GOPATH", "/tmp/go",
                "GO111MODULE", "off",
                "CGO_ENABLED", "0",
                "GOTOOLCHAIN", "local"),
            List.of(),
            false,
            64));
    out.add(
        compiled(
            "rust",
            List.of("rs"),
            locate.apply("rustc"),
            exe -> List.of(exe, "--edition", "2021", "-O", "-o", "/box/main", "/box/main.rs"),
            List.of("/box/main"),
            Map.of(),
            List.of(),
            true,
            8));
    return out;
  }

  private static Language java(Function<String, Optional<Path>> locate) {
    Optional<Path> javac = locate.apply("javac");
    Optional<Path> java = javac.map(p -> p.resolveSibling("java"));
    if (java.isEmpty()) {
      return missing("java", List.of("jdk"), "javac (a JDK)");
    }
    List<Path> binds = new ArrayList<>(outsideUsr(java.get()));
    // Debian's JDK keeps its conf/ and security files as links into /etc/java-<N>-openjdk.
    try (DirectoryStream<Path> etc = Files.newDirectoryStream(Path.of("/etc"), "java-*")) {
      etc.forEach(binds::add);
    } catch (IOException e) {
      // no /etc/java-*: a JDK that keeps its configuration inside its home
    }
    List<String> jvm =
        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto");
    List<String> compile = new ArrayList<>(List.of(javac.get().toString()));
    jvm.forEach(f -> compile.add("-J" + f));
    compile.addAll(List.of("-J-Xmx512m", "-encoding", "UTF-8", "-d", "/box", "/box/{main}.java"));
    List<String> run = new ArrayList<>(List.of(java.get().toString(), "-Xmx{heap_mb}m", "-Xss64m"));
    run.addAll(jvm);
    run.addAll(List.of("-cp", "/box", "{main}"));
    return new Language(
        "java", List.of("jdk"), null, null, compile, run, Map.of(), binds, false, 64);
  }

  private static Language interpreted(
      String id,
      List<String> aliases,
      Optional<Path> exe,
      java.util.function.Function<String, List<String>> run,
      Map<String, String> env,
      boolean limitAs,
      int minProcesses) {
    if (exe.isEmpty()) {
      return missing(id, aliases, aliases.get(0));
    }
    return new Language(
        id,
        aliases,
        null,
        null,
        List.of(),
        run.apply(exe.get().toString()),
        env,
        outsideUsr(exe.get()),
        limitAs,
        minProcesses);
  }

  private static Language compiled(
      String id,
      List<String> aliases,
      Optional<Path> exe,
      java.util.function.Function<String, List<String>> compile,
      List<String> run,
      Map<String, String> env,
      List<Path> binds,
      boolean limitAs,
      int minProcesses) {
    if (exe.isEmpty()) {
      return missing(id, aliases, id);
    }
    List<Path> all = new ArrayList<>(binds);
    all.addAll(outsideUsr(exe.get()));
    return new Language(
        id,
        aliases,
        null,
        null,
        compile.apply(exe.get().toString()),
        run,
        env,
        all,
        limitAs,
        minProcesses);
  }

  private static Language missing(String id, List<String> aliases, String tool) {
    return new Language(
        id,
        aliases,
        null,
        "toolchain not installed: no " + tool + " on the toolchain search path",
        List.of(),
        List.of(),
        Map.of(),
        List.of(),
        true,
        1);
  }

  /** The real path of the first executable {@code name} on {@code searchPath}. */
  static Optional<Path> find(List<Path> searchPath, String name) {
    // a host lookup: the bubblewrap backend sees the host's own toolchains
    for (Path dir : searchPath) {
      Path p = dir.resolve(name);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        try {
          return Optional.of(p.toRealPath());
        } catch (IOException e) {
          // dangling link: keep looking
        }
      }
    }
    return Optional.empty();
  }

  /** A toolchain installed outside /usr is bound at its install root (two levels above bin/x). */
  private static List<Path> outsideUsr(Path exe) {
    if (exe.startsWith("/usr") || exe.getParent() == null || exe.getParent().getParent() == null) {
      return List.of();
    }
    return List.of(exe.getParent().getParent());
  }
}
