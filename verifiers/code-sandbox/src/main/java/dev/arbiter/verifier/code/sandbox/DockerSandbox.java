package dev.arbiter.verifier.code.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The docker backend: each run is a fresh container from the configured runner image, with no
 * network, a read-only root, a size-capped tmpfs at {@code /tmp}, memory (no swap) and pids limits,
 * every capability dropped, {@code no-new-privileges}, an init process, uid 65534, and no log
 * driver. The item's box is bind-mounted at {@code /box} (read-write only for the compile); the
 * slot's stdin/stdout/stderr files are bind-mounted under {@code /run/arbiter} and the in-container
 * shell redirects the program to them under RLIMIT_FSIZE, exactly as the bubblewrap backend does.
 *
 * <p>Bind mounts are host paths: the scratch directory must be the same path for this service and
 * for the Docker engine (run the service on the Docker host, or mount the scratch directory at the
 * same path into the service's container).
 */
public final class DockerSandbox implements Sandbox {

  private static final Logger log = LoggerFactory.getLogger(DockerSandbox.class);
  private static final String IO = "/run/arbiter";

  private final Settings settings;
  private final DockerClient docker;
  private final Path boxes;
  private final BlockingQueue<Path> free;
  private final String unavailable;
  private String engine = "docker (unreachable)";

  /**
   * @param host the engine address (null: DOCKER_HOST or the default socket)
   * @param image the runner image (must contain /bin/sh and the toolchains)
   * @param slots containers that run at once
   * @param scratch host directory for boxes and capture files, shared with the engine by path
   * @param slotWait how long a run waits for a free slot
   */
  public record Settings(String host, String image, int slots, Path scratch, Duration slotWait) {}

  public DockerSandbox(Settings settings) {
    this.settings = settings;
    this.boxes = settings.scratch().resolve("boxes");
    this.free = new ArrayBlockingQueue<>(settings.slots());
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder();
    if (settings.host() != null) {
      config.withDockerHost(settings.host());
    }
    DefaultDockerClientConfig cfg = config.build();
    this.docker =
        DockerClientImpl.getInstance(
            cfg,
            new ZerodepDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost())
                .sslConfig(cfg.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2))
                .build());
    this.unavailable = init();
    if (unavailable != null) {
      log.error("docker sandbox unavailable: {}", unavailable);
    } else {
      log.info("docker sandbox ready: {}", describe());
    }
  }

  private String init() {
    try {
      // The engine binds the capture files, which uid 65534 writes: slot directories traversable.
      List<Path> dirs = Boxes.prepareScratch(settings.scratch(), settings.slots(), "rwx--x--x");
      for (Path dir : dirs) {
        for (String f : List.of("stdin", "stdout", "stderr")) {
          Path p = dir.resolve(f);
          Files.deleteIfExists(p);
          Files.createFile(p);
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        free.add(dir);
      }
    } catch (IOException e) {
      return "cannot create scratch directory " + settings.scratch() + ": " + e.getMessage();
    }
    try {
      docker.pingCmd().exec();
      engine = "docker " + docker.versionCmd().exec().getVersion() + ", image " + settings.image();
      docker.inspectImageCmd(settings.image()).exec();
    } catch (RuntimeException e) {
      return "docker engine or image '" + settings.image() + "' not reachable: " + e.getMessage();
    }
    return null;
  }

  @Override
  public Path newBox() throws IOException {
    Path box = Boxes.create(boxes);
    // The compile step writes its artifacts as uid 65534.
    Files.setPosixFilePermissions(box, PosixFilePermissions.fromString("rwxrwxrwx"));
    return box;
  }

  @Override
  public String unavailableReason() {
    return unavailable;
  }

  @Override
  public String describe() {
    return engine + ", " + settings.slots() + " slots";
  }

  @Override
  public RunOutcome run(RunRequest request) {
    Path slot = RunScripts.take(free, settings.slotWait());
    String id = null;
    try {
      for (String f : List.of("stdout", "stderr")) {
        Files.write(slot.resolve(f), new byte[0]);
      }
      Files.write(slot.resolve("stdin"), request.stdin());
      id = create(slot, request);
      return runContainer(id, slot, request.limits());
    } catch (IOException | DockerException | DockerClientException e) {
      throw new SandboxException("docker run failed: " + e.getMessage(), e);
    } finally {
      if (id != null) {
        try {
          docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
          log.warn("could not remove container {}: {}", id, e.getMessage());
        }
      }
      free.add(slot);
    }
  }

  private String create(Path slot, RunRequest request) {
    RunLimits l = request.limits();
    List<Bind> binds = new ArrayList<>();
    binds.add(
        new Bind(
            request.box().toString(),
            new Volume(RunRequest.BOX),
            request.boxWritable() ? AccessMode.rw : AccessMode.ro));
    binds.add(new Bind(slot.resolve("stdin").toString(), new Volume(IO + "/stdin"), AccessMode.ro));
    binds.add(
        new Bind(slot.resolve("stdout").toString(), new Volume(IO + "/stdout"), AccessMode.rw));
    binds.add(
        new Bind(slot.resolve("stderr").toString(), new Volume(IO + "/stderr"), AccessMode.rw));
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode("none")
            .withReadonlyRootfs(true)
            .withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=" + l.tmpfsBytes() + ",mode=1777"))
            .withMemory(l.memoryBytes())
            .withMemorySwap(l.memoryBytes())
            .withPidsLimit((long) l.processes() + 4)
            .withNanoCPUs(1_000_000_000L)
            .withCapDrop(Capability.ALL)
            .withSecurityOpts(List.of("no-new-privileges"))
            .withInit(true)
            .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
            .withBinds(binds);
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c"));
    cmd.add(RunScripts.rlimits(l, " <" + IO + "/stdin >" + IO + "/stdout 2>" + IO + "/stderr"));
    cmd.add("arbiter-run");
    cmd.addAll(request.command());
    List<String> env =
        new ArrayList<>(
            List.of(
                "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp", "LANG=C.UTF-8"));
    request.env().forEach((k, v) -> env.add(k + "=" + v));
    CreateContainerResponse created =
        docker
            .createContainerCmd(settings.image())
            .withCmd(cmd)
            .withEnv(env)
            .withUser("65534:65534")
            .withWorkingDir(request.boxWritable() ? RunRequest.BOX : "/tmp")
            .withNetworkDisabled(true)
            .withHostName("sandbox")
            .withHostConfig(host)
            .exec();
    return created.getId();
  }

  private RunOutcome runContainer(String id, Path slot, RunLimits limits) throws IOException {
    long start = System.nanoTime();
    docker.startContainerCmd(id).exec();
    boolean wallKilled = false;
    int exit;
    try (WaitContainerResultCallback wait =
        docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
      exit = wait.awaitStatusCode(limits.wall().toMillis(), TimeUnit.MILLISECONDS);
    } catch (DockerClientException timeout) {
      docker.killContainerCmd(id).exec();
      if (timeout.getCause() instanceof InterruptedException) {
        // Cancelled (Future.cancel(true)); docker-java swallowed the interrupt: the container is
        // killed (and removed by run), and the caller sees the interrupt again.
        Thread.currentThread().interrupt();
        throw new SandboxException("cancelled: the container was killed");
      }
      wallKilled = true;
      exit = 137;
    }
    double wallMs = (System.nanoTime() - start) / 1e6;
    InspectContainerResponse state = docker.inspectContainerCmd(id).exec();
    boolean oom = Boolean.TRUE.equals(state.getState().getOOMKilled());
    byte[] out = RunScripts.readCapped(slot.resolve("stdout"), limits.outputBytes());
    byte[] err = RunScripts.readCapped(slot.resolve("stderr"), limits.outputBytes());
    Termination t =
        RunScripts.classify(limits, exit, wallKilled, oom, wallMs, out.length, err.length);
    return new RunOutcome(t, exit, out, err, wallMs);
  }
}
