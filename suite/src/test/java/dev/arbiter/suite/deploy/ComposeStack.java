package dev.arbiter.suite.deploy;

import static dev.arbiter.suite.deploy.RepoFiles.at;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;

/**
 * docker-compose.yml's own service definitions run on the local engine without Compose: each
 * service built from its {@code build} section (the one Dockerfile, its build args, target {@code
 * host-jars}: the jars this Maven build just packaged), created with its environment, security
 * options, tmpfs, pids and memory limits. The test-only overrides: host networking (this engine has
 * no bridge network), a free port per service (SERVER_PORT) with service URLs in the environment
 * rewritten to {@code 127.0.0.1:<port>}, and the base images from {@link #baseImages()}. Services
 * with a third-party {@code image} (PostgreSQL, Ollama) are not started: meta-reward then uses its
 * embedded H2, as it does without a database.
 */
final class ComposeStack implements AutoCloseable {

  static final String LABEL = "dev.arbiter.test";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:-([^}]*))?}");

  final Path root = RepoFiles.root();
  final Map<String, Object> compose = RepoFiles.yaml(root.resolve("docker-compose.yml"));
  final Map<String, Integer> ports = new LinkedHashMap<>();

  /** Container ids by service. */
  final Map<String, String> containers = new LinkedHashMap<>();

  final Map<String, Duration> buildTimes = new LinkedHashMap<>();
  private final DockerClient docker = DockerClientFactory.instance().client();

  /** Services built from this repository, in file order. */
  Map<String, Map<String, Object>> ownServices() {
    Map<String, Map<String, Object>> services = at(compose, "services");
    Map<String, Map<String, Object>> own = new LinkedHashMap<>();
    services.forEach(
        (name, s) -> {
          if (s.get("build") != null) {
            own.put(name, s);
          }
        });
    return own;
  }

  /**
   * Base images: {@code -Darbiter.test.jdk-image}/{@code jre-image}, else the local stand-ins of
   * scripts/build-base-images.sh when present, else the Dockerfile's defaults (Docker Hub).
   */
  Map<String, String> baseImages() {
    Map<String, String> bases = new LinkedHashMap<>();
    bases.put("JDK_IMAGE", base("jdk"));
    bases.put("JRE_IMAGE", base("jre"));
    return bases;
  }

  private String base(String kind) {
    String explicit = System.getProperty("arbiter.test." + kind + "-image");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    String standIn = "arbiter-base/" + kind + ":17";
    return imageExists(standIn) ? standIn : "eclipse-temurin:17-" + kind;
  }

  boolean imageExists(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Builds the service's image from the jars under its module's target/ (tag: compose's image). */
  String build(String name) {
    Map<String, Object> service = ownServices().get(name);
    Map<String, String> args = new LinkedHashMap<>();
    Map<String, Object> declared = at(service, "build", "args");
    declared.forEach((k, v) -> args.put(k, interpolate(String.valueOf(v))));
    Map<String, String> bases = baseImages();
    args.putAll(bases);
    if (args.containsKey("RUNTIME_IMAGE")) {
      // code-sandbox runs on the JDK image; follow the chosen JDK base.
      args.put("RUNTIME_IMAGE", bases.get("JDK_IMAGE"));
    }
    String module = args.get("MODULE");
    String artifact = args.get("ARTIFACT");
    String image = (String) service.get("image");
    long start = System.nanoTime();
    Path context = hostJarsContext(module, artifact);
    try {
      if (buildWithBuildKit(context, image, args)) {
        buildTimes.put(name, Duration.ofNanos(System.nanoTime() - start));
        return image;
      }
      var cmd =
          docker
              .buildImageCmd()
              .withBaseDirectory(context.toFile())
              .withDockerfile(context.resolve("Dockerfile").toFile())
              .withTarget("host-jars")
              .withNetworkMode("host")
              .withPull(false)
              .withRemove(true)
              .withTags(Set.of(image));
      args.forEach(cmd::withBuildArg);
      cmd.exec(new BuildImageResultCallback()).awaitImageId();
    } finally {
      deleteTree(context);
    }
    buildTimes.put(name, Duration.ofNanos(System.nanoTime() - start));
    return image;
  }

  /**
   * Builds with BuildKit through a Docker CLI that has it built in (Debian's 20.10 at
   * /usr/bin/docker with DOCKER_BUILDKIT=1; a 23+ CLI needs the buildx plugin): the API's classic
   * builder commits every instruction, and with the vfs storage driver each commit copies the whole
   * image. False where no such CLI is installed (the API's builder is used then).
   */
  private static boolean buildWithBuildKit(Path context, String image, Map<String, String> args) {
    for (String cli : List.of("/usr/bin/docker", "docker")) {
      if (cli.startsWith("/") && !Files.isExecutable(Path.of(cli))) {
        continue;
      }
      List<String> cmd =
          new ArrayList<>(
              List.of(cli, "build", "--target", "host-jars", "--network", "host", "-t", image));
      args.forEach((k, v) -> cmd.addAll(List.of("--build-arg", k + "=" + v)));
      cmd.add(context.toString());
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DOCKER_BUILDKIT", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() == 0) {
          return true;
        }
        if (!out.contains("buildx")) {
          throw new IllegalStateException("docker build of " + image + " failed:\n" + out);
        }
      } catch (IOException e) {
        // no such CLI
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return false;
  }

  /**
   * A build context with just the Dockerfile and the module's jar and lib/ (hard links): the
   * repository with every module's target/lib would be sent to the engine for every image.
   */
  private Path hostJarsContext(String module, String artifact) {
    Path target = root.resolve(module).resolve("target");
    Path jar = target.resolve(artifact + ".jar");
    if (!Files.exists(jar) || !Files.isDirectory(target.resolve("lib"))) {
      throw new IllegalStateException(
          jar
              + " or its lib/ is missing: package the module first (./mvnw -pl "
              + module
              + " -am package)");
    }
    try {
      Path context = Files.createTempDirectory(root.resolve("suite/target"), "image-context-");
      Files.copy(root.resolve("Dockerfile"), context.resolve("Dockerfile"));
      Path dest = context.resolve(module).resolve("target");
      Files.createDirectories(dest.resolve("lib"));
      link(jar, dest.resolve(jar.getFileName()));
      try (Stream<Path> libs = Files.list(target.resolve("lib"))) {
        for (Path lib : libs.toList()) {
          link(lib, dest.resolve("lib").resolve(lib.getFileName()));
        }
      }
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void link(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort: a temp dir under target/
                }
              });
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** Picks a free port for every own service (before any starts, so URLs can be rewritten). */
  void assignPorts(List<String> names) {
    for (String name : names) {
      try (ServerSocket s = new ServerSocket(0)) {
        ports.put(name, s.getLocalPort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Creates and starts the service's container as compose would, with the test overrides. Through
   * the CLI: {@code systempaths=unconfined} is a CLI option (empty masked and read-only paths) that
   * the API's client here cannot express.
   */
  String start(String name, Map<String, String> extraEnv) {
    Map<String, Object> service = ownServices().get(name);
    List<String> options = new ArrayList<>();
    List<String> securityOpt = at(service, "security_opt");
    if (securityOpt != null) {
      securityOpt.forEach(o -> options.addAll(List.of("--security-opt", o)));
    }
    Object pids = service.get("pids_limit");
    if (pids != null) {
      options.addAll(List.of("--pids-limit", String.valueOf(pids)));
    }
    Object mem = service.get("mem_limit");
    if (mem != null) {
      options.addAll(List.of("--memory", String.valueOf(mem)));
    }
    List<String> tmpfs = at(service, "tmpfs");
    if (tmpfs != null) {
      tmpfs.forEach(t -> options.addAll(List.of("--tmpfs", t)));
    }
    Map<String, String> env = environment(name, service);
    env.putAll(extraEnv);
    return run(name, "arbiter-it-" + name, (String) service.get("image"), options, env);
  }

  /** {@code docker run -d} with host networking, the test label and the other services' names. */
  String run(
      String service,
      String containerName,
      String image,
      List<String> options,
      Map<String, String> env) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                cli(),
                "run",
                "-d",
                "--name",
                containerName,
                "--network",
                "host",
                "--label",
                LABEL + "=compose-stack"));
    // Other services' names resolve to this host (compose's DNS, without a compose network).
    ownServices()
        .keySet()
        .forEach(other -> cmd.addAll(List.of("--add-host", other + ":127.0.0.1")));
    cmd.addAll(options);
    env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
    cmd.add(image);
    // The id is the last line (the CLI may warn first, e.g. about swap limits).
    String[] lines = exec(cmd).strip().split("\n");
    String id = lines[lines.length - 1].strip();
    containers.put(service, id);
    return id;
  }

  static String cli() {
    return Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
  }

  static String exec(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd.subList(0, 3)) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String logs(String service) {
    try {
      return exec(List.of(cli(), "logs", "--tail", "200", containers.get(service)));
    } catch (RuntimeException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  boolean running(String service) {
    return Boolean.TRUE.equals(
        docker.inspectContainerCmd(containers.get(service)).exec().getState().getRunning());
  }

  /** The service's compose environment with the test overrides applied. */
  Map<String, String> environment(String name, Map<String, Object> service) {
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, Object> declared = at(service, "environment");
    if (declared != null) {
      declared.forEach((k, v) -> env.put(k, rewriteUrls(interpolate(String.valueOf(v)))));
    }
    env.put("SERVER_PORT", String.valueOf(ports.get(name)));
    // No third-party images here: services that need one fall back to their embedded defaults.
    env.entrySet()
        .removeIf(e -> thirdPartyServices().stream().anyMatch(t -> e.getValue().contains(t + ":")));
    return env;
  }

  private List<String> thirdPartyServices() {
    Map<String, Map<String, Object>> services = at(compose, "services");
    List<String> names = new ArrayList<>();
    services.forEach(
        (n, s) -> {
          if (s.get("build") == null) {
            names.add(n);
          }
        });
    return names;
  }

  /** http://vision-iou:8081 becomes http://127.0.0.1:<vision-iou's port>. */
  String rewriteUrls(String value) {
    String v = value;
    for (Map.Entry<String, Integer> p : ports.entrySet()) {
      v = v.replaceAll("//" + Pattern.quote(p.getKey()) + ":\\d+", "//127.0.0.1:" + p.getValue());
    }
    return v;
  }

  static String interpolate(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String fromEnv = System.getenv(m.group(1));
      String replacement =
          fromEnv != null && !fromEnv.isEmpty() ? fromEnv : m.group(3) != null ? m.group(3) : "";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static long bytes(String size) {
    String s = size.trim().toLowerCase();
    long unit =
        switch (s.charAt(s.length() - 1)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1L;
        };
    return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
  }

  String url(String name) {
    return "http://127.0.0.1:" + ports.get(name);
  }

  /** Waits for the service's readiness probe; fails with its log when it does not come up. */
  Duration awaitReady(String name, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (status(url(name) + "/actuator/health/readiness") == 200) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      if (containers.containsKey(name) && !running(name)) {
        throw new IllegalStateException(name + " exited:\n" + logs(name));
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + logs(name));
  }

  static int status(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  DockerClient docker() {
    return docker;
  }

  /** Removes containers an earlier, killed run left behind (Ryuk may be off on this engine). */
  void removeLeftovers() {
    docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(LABEL, "compose-stack"))
        .exec()
        .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
  }

  @Override
  public void close() {
    containers.values().forEach(id -> docker.removeContainerCmd(id).withForce(true).exec());
    containers.clear();
  }
}
