package dev.arbiter.verifier.code;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The code sandbox's isolation, capacity and default limits ({@code arbiter.code.*}).
 *
 * @param backend {@code bubblewrap} (default) or {@code docker}
 * @param bwrap the bubblewrap executable (name on PATH or absolute path)
 * @param slots sandboxes that run at once (0: the number of available processors)
 * @param queueCapacity items that may wait for a slot; beyond it they come back {@code overloaded}
 * @param batchSize items the serving layer hands this scorer at once (they then run concurrently)
 * @param hostUidBase slot ids start here; when the service runs as root, a slot runs as the host
 *     uid of its id. Slots are claimed with file locks at start-up, so a second instance on the
 *     same host takes the next free ids
 * @param lockDir where slots are claimed (null: {@code /run/arbiter-sandbox} when root, else {@code
 *     <scratch-dir>/locks})
 * @param healthRecheck how long a sandbox health verdict is kept before bubblewrap is re-probed
 * @param scratchDir host directory for boxes and capture files (null: {@code
 *     java.io.tmpdir/arbiter-sandbox-<host-uid-base>})
 * @param cgroups use a per-slot cgroup (memory, pids) where one is writable
 * @param mountProc give each sandbox a fresh {@code /proc} (turn off where the container runtime
 *     masks /proc, as a default Kubernetes pod does; Python, C++, JavaScript and Bash run without
 *     it)
 * @param toolchainPath directories searched for toolchains, in order (colon-separated)
 * @param runTimeout default wall-clock limit per test run
 * @param maxRunTimeout the most an item's {@code run_timeout_s} may ask
 * @param memory default memory limit per run
 * @param maxMemory the most an item's {@code memory_mb} may ask
 * @param compileTimeout wall-clock limit of a compile
 * @param compileMemory memory limit of a compile
 * @param outputLimit stdout/stderr cap per run
 * @param tmpfsSize size of each run's fresh {@code /tmp}
 * @param processes processes/threads per run
 * @param openFiles open files per run
 * @param itemBudget wall-clock budget of all runs of one item
 * @param compileErrorReward reward of a program that does not compile
 * @param noCodeReward reward of a response without code
 * @param docker settings of the docker backend
 */
@Validated
@ConfigurationProperties("arbiter.code")
public record CodeSandboxProperties(
    String backend,
    String bwrap,
    @Min(0) Integer slots,
    @Min(1) Integer queueCapacity,
    @Min(1) Integer batchSize,
    @Min(1) Integer hostUidBase,
    String lockDir,
    Duration healthRecheck,
    String scratchDir,
    Boolean cgroups,
    Boolean mountProc,
    String toolchainPath,
    Duration runTimeout,
    Duration maxRunTimeout,
    DataSize memory,
    DataSize maxMemory,
    Duration compileTimeout,
    DataSize compileMemory,
    DataSize outputLimit,
    DataSize tmpfsSize,
    @Min(4) Integer processes,
    @Min(16) Integer openFiles,
    Duration itemBudget,
    Double compileErrorReward,
    Double noCodeReward,
    Docker docker) {

  public CodeSandboxProperties {
    CodeDefaults d = CodeDefaults.standard();
    backend = backend == null ? "bubblewrap" : backend;
    bwrap = bwrap == null ? "bwrap" : bwrap;
    slots = slots == null ? 0 : slots;
    queueCapacity = queueCapacity == null ? 1024 : queueCapacity;
    batchSize = batchSize == null ? 64 : batchSize;
    hostUidBase = hostUidBase == null ? 61000 : hostUidBase;
    healthRecheck = healthRecheck == null ? Duration.ofSeconds(10) : healthRecheck;
    cgroups = cgroups == null || cgroups;
    mountProc = mountProc == null || mountProc;
    toolchainPath = toolchainPath == null ? "/usr/local/bin:/usr/bin:/bin" : toolchainPath;
    runTimeout = runTimeout == null ? d.runTimeout() : runTimeout;
    maxRunTimeout = maxRunTimeout == null ? d.maxRunTimeout() : maxRunTimeout;
    memory = memory == null ? DataSize.ofBytes(d.memoryBytes()) : memory;
    maxMemory = maxMemory == null ? DataSize.ofBytes(d.maxMemoryBytes()) : maxMemory;
    compileTimeout = compileTimeout == null ? d.compileTimeout() : compileTimeout;
    compileMemory =
        compileMemory == null ? DataSize.ofBytes(d.compileMemoryBytes()) : compileMemory;
    outputLimit = outputLimit == null ? DataSize.ofBytes(d.outputBytes()) : outputLimit;
    tmpfsSize = tmpfsSize == null ? DataSize.ofBytes(d.tmpfsBytes()) : tmpfsSize;
    processes = processes == null ? d.processes() : processes;
    openFiles = openFiles == null ? d.openFiles() : openFiles;
    itemBudget = itemBudget == null ? d.itemBudget() : itemBudget;
    compileErrorReward = compileErrorReward == null ? d.compileErrorReward() : compileErrorReward;
    noCodeReward = noCodeReward == null ? d.noCodeReward() : noCodeReward;
    docker = docker == null ? new Docker(null, null) : docker;
  }

  /**
   * The docker backend.
   *
   * @param host the engine's address (null: DOCKER_HOST or the local socket)
   * @param image the image each run starts from; it must hold the toolchains
   */
  public record Docker(String host, String image) {
    public Docker {
      image = image == null ? "arbiter/code-runner:latest" : image;
    }
  }

  /** The slot count in effect. */
  public int effectiveSlots() {
    return slots > 0 ? slots : Runtime.getRuntime().availableProcessors();
  }

  /** The scorer's defaults. */
  public CodeDefaults defaults() {
    CodeDefaults d = CodeDefaults.standard();
    return new CodeDefaults(
        runTimeout,
        maxRunTimeout,
        memory.toBytes(),
        maxMemory.toBytes(),
        compileTimeout,
        compileMemory.toBytes(),
        outputLimit.toBytes(),
        tmpfsSize.toBytes(),
        processes,
        openFiles,
        itemBudget,
        compileErrorReward,
        noCodeReward,
        d.comparison(),
        d.floatTolerance());
  }
}
