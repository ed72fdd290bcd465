package dev.arbiter.verifier.code.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The host paths a sandboxed command sees, read-only, instead of all of {@code /usr}: a base every
 * run needs ({@code /usr/bin} for the shells and the tools Bash programs call, the multiarch
 * library directories, time zones) plus what the command's own toolchain needs, computed from its
 * executable: Python's standard library, GCC's headers and internal programs, a JDK or Go home (the
 * directory above a {@code bin/} outside {@code /usr/bin}). {@code /usr/local}, {@code /usr/sbin},
 * {@code /usr/share} (but time zones), {@code /usr/src} and the rest of {@code /usr/lib} stay out.
 */
final class VisiblePaths {

  private static final Pattern PYTHON = Pattern.compile("python(3(\\.\\d+)?)?");
  private static final Pattern GCC =
      Pattern.compile("(.*-)?(g\\+\\+|gcc|c\\+\\+|cc|cpp)(-\\d+(\\.\\d+)*)?");

  private final Path usr;
  private final List<Path> base;
  private final Map<String, List<Path>> byExecutable = new ConcurrentHashMap<>();
  private final Map<String, List<Path>> librariesByExecutable = new ConcurrentHashMap<>();

  VisiblePaths() {
    this(Path.of("/usr"));
  }

  /** {@code usr}: the host's {@code /usr} (another root in tests). */
  VisiblePaths(Path usr) {
    this.usr = usr;
    List<Path> b = new ArrayList<>();
    b.add(usr.resolve("bin"));
    b.addAll(multiarchLibraries(usr));
    for (String lib : List.of("lib64", "lib32", "libx32")) {
      b.add(usr.resolve(lib));
    }
    b.add(usr.resolve("share/zoneinfo"));
    this.base = existing(b);
  }

  /** Paths every run binds. */
  List<Path> base() {
    return base;
  }

  /** Paths the toolchain of {@code executable} needs besides {@link #base()}. */
  List<Path> forExecutable(String executable) {
    return byExecutable.computeIfAbsent(executable, this::compute);
  }

  /**
   * The shared-library directories of the toolchain home {@code executable} lives in (its real
   * path, links resolved: {@code /usr/bin/java} is {@code /usr/lib/jvm/<jdk>/bin/java}): the home's
   * {@code lib/} when it holds shared objects. Such launchers find their libraries through an
   * {@code $ORIGIN/../lib} run path ({@code java} needs {@code libjli.so}, rustup's {@code rustc}
   * its driver), which the dynamic loader resolves through {@code /proc/self/exe}; a sandbox
   * without {@code /proc} has to name these directories instead ({@code LD_LIBRARY_PATH}).
   */
  List<Path> libraryDirectories(String executable) {
    return librariesByExecutable.computeIfAbsent(executable, this::computeLibraries);
  }

  private List<Path> computeLibraries(String executable) {
    Path home = realPath(executable).map(this::home).orElse(null);
    if (home == null) {
      return List.of();
    }
    Path lib = home.resolve("lib");
    try (DirectoryStream<Path> objects = Files.newDirectoryStream(lib, "*.so*")) {
      return objects.iterator().hasNext() ? List.of(lib) : List.of();
    } catch (IOException e) {
      return List.of(); // no lib/ there
    }
  }

  private static Optional<Path> realPath(String executable) {
    Path exe = Path.of(executable);
    if (!exe.isAbsolute() || !Files.exists(exe)) {
      return Optional.empty(); // e.g. /box/main: a compiled program needs only the base
    }
    try {
      return Optional.of(exe.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The directory above {@code real}'s {@code bin/} when that is not {@code /usr/bin}, or null. */
  private Path home(Path real) {
    Path bin = real.getParent();
    if (bin != null
        && bin.getFileName() != null
        && bin.getFileName().toString().equals("bin")
        && !bin.equals(usr.resolve("bin"))
        && bin.getParent() != null
        && bin.getParent().getParent() != null) {
      return bin.getParent(); // a JDK, Go or Rust home
    }
    return null;
  }

  private List<Path> compute(String executable) {
    Path exe = Path.of(executable);
    Path real = realPath(executable).orElse(null);
    if (real == null) {
      return List.of();
    }
    Set<Path> out = new LinkedHashSet<>();
    for (Path p : List.of(exe, real)) {
      String name = p.getFileName().toString();
      if (PYTHON.matcher(name).matches()) {
        python(name.equals("python") ? "python3" : name, out);
      }
      if (GCC.matcher(name).matches()) {
        out.add(usr.resolve("lib/gcc"));
        out.add(usr.resolve("libexec/gcc"));
        out.add(usr.resolve("include"));
      }
      if (name.equals("rustc")) {
        out.add(usr.resolve("lib/rustlib"));
      }
      if (name.equals("node") || name.equals("nodejs")) {
        out.add(usr.resolve("share/nodejs"));
        out.add(usr.resolve("lib/nodejs"));
      }
    }
    Path home = home(real);
    if (home != null) {
      out.add(home);
    }
    return existing(new ArrayList<>(out));
  }

  /** {@code python3.11}: its standard library and Debian's dist-packages. */
  private void python(String name, Set<Path> out) {
    if (name.equals("python3")) {
      try (DirectoryStream<Path> libs = Files.newDirectoryStream(usr.resolve("lib"), "python3*")) {
        libs.forEach(out::add);
      } catch (IOException e) {
        // no /usr/lib: a Python installed elsewhere is bound at its home
      }
    } else {
      out.add(usr.resolve("lib").resolve(name));
      out.add(usr.resolve("lib/python3"));
    }
  }

  /** {@code /usr/lib/<triplet>} directories (where the C library lives), or {@code /usr/lib}. */
  private static List<Path> multiarchLibraries(Path usr) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs =
        Files.newDirectoryStream(usr.resolve("lib"), "*-linux-gnu*")) {
      dirs.forEach(out::add);
    } catch (IOException e) {
      // no multiarch layout
    }
    if (out.isEmpty()) {
      out.add(usr.resolve("lib")); // a distribution without multiarch keeps its libraries here
    }
    return out;
  }

  private static List<Path> existing(List<Path> paths) {
    return paths.stream().filter(Files::isDirectory).distinct().toList();
  }
}
