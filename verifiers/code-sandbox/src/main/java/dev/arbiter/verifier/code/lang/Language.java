package dev.arbiter.verifier.code.lang;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to build and run one language in the sandbox. Commands run with {@code /box} holding the
 * source; {@code {heap_mb}} (three quarters of the memory limit) and {@code {main}} (Java's class)
 * are filled in per run.
 *
 * @param id the language id used in references and options
 * @param aliases other names accepted (fence tags such as {@code py}, {@code c++})
 * @param version what the toolchain reported, or null when unavailable
 * @param unavailable why this host cannot run it, or null
 * @param compile the compile command, or empty for interpreted languages
 * @param run the run command
 * @param env extra environment inside the sandbox
 * @param extraBinds host paths besides {@code /usr} the toolchain needs
 * @param limitAddressSpace whether RLIMIT_AS can hold this runtime (false for JVM, V8, Go)
 * @param minProcesses processes/threads the runtime itself needs to start
 */
public record Language(
    String id,
    List<String> aliases,
    String version,
    String unavailable,
    List<String> compile,
    List<String> run,
    Map<String, String> env,
    List<Path> extraBinds,
    boolean limitAddressSpace,
    int minProcesses) {

  private static final Pattern JAVA_PUBLIC_CLASS =
      Pattern.compile("public\\s+(?:final\\s+|abstract\\s+)*class\\s+([A-Za-z_$][\\w$]*)");

  public boolean available() {
    return unavailable == null;
  }

  public boolean compiled() {
    return !compile.isEmpty();
  }

  /** Whether {@code name} (case-insensitive) names this language. */
  public boolean matches(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return id.equals(n) || aliases.contains(n);
  }

  /** The source file name in the box: Java's must match its public class. */
  public String sourceFile(String code) {
    return switch (id) {
      case "python" -> "main.py";
      case "cpp" -> "main.cpp";
      case "java" -> mainClass(code) + ".java";
      case "javascript" -> "main.js";
      case "bash" -> "main.sh";
      case "go" -> "main.go";
      case "rust" -> "main.rs";
      default -> "main." + id;
    };
  }

  /** The class Java runs: the public class, else {@code Main}. */
  public static String mainClass(String code) {
    Matcher m = JAVA_PUBLIC_CLASS.matcher(code);
    return m.find() ? m.group(1) : "Main";
  }

  /** {@code command} with the per-run placeholders filled in. */
  public static List<String> fill(List<String> command, long memoryBytes, String code) {
    String heap = Long.toString(Math.max(16, (memoryBytes >> 20) * 3 / 4));
    return command.stream()
        .map(a -> a.replace("{heap_mb}", heap).replace("{main}", mainClass(code)))
        .toList();
  }

  /** This language, reported unavailable for {@code reason}. */
  public Language withUnavailable(String reason) {
    return with(version, reason);
  }

  /** This language with the version its toolchain reported. */
  public Language withVersion(String reported) {
    return with(reported, unavailable);
  }

  private Language with(String version, String unavailable) {
    return new Language(
        id,
        aliases,
        version,
        unavailable,
        compile,
        run,
        env,
        extraBinds,
        limitAddressSpace,
        minProcesses);
  }
}
