package dev.arbiter.verifier.code;

import static dev.arbiter.verifier.code.TestSandboxes.fenced;
import static dev.arbiter.verifier.code.TestSandboxes.item;
import static dev.arbiter.verifier.code.TestSandboxes.stdio;
import static dev.arbiter.verifier.code.TestSandboxes.tests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hostile-program suite: each program must end as a verdict within its limits, the sandbox must
 * still run the next program, and the host must be unchanged afterwards (no process left under a
 * slot uid, no box left on disk, no marker file outside the sandbox).
 */
class HostileProgramsTest {

  private static final CodeScorer SCORER = TestSandboxes.scorer();
  private static final String MARKER = "arbiter-hostile-" + UUID.randomUUID();

  /** Plain run of {@code code}; returns the single test's details. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(String language, String code) {
    return run(language, code, Map.of());
  }

  private static Map<String, Object> run(
      String language, String code, Map<String, Object> options) {
    ScoreResult r =
        SCORER.score(
            item(fenced(language, code), Map.of("language", language, "run", true), options));
    assertThat(r.status()).as("%s", r.details()).isEqualTo(ScoreStatus.OK);
    return tests(r).get(0);
  }

  /** The tests' run limits ({@link TestSandboxes#fastDefaults()}). */
  private static final CodeDefaults LIMITS = TestSandboxes.fastDefaults();

  @AfterEach
  void hostUnchanged() throws IOException {
    assertThat(processesOfSlotUids()).as("processes left under slot uids").isEmpty();
    try (Stream<Path> boxes = Files.list(TestSandboxes.SCRATCH.resolve("boxes"))) {
      assertThat(boxes.toList()).as("boxes left on disk").isEmpty();
    }
    for (String dir : List.of("/tmp", "/var/tmp", "/dev/shm", "/root", "/")) {
      assertThat(Path.of(dir, MARKER)).doesNotExist();
    }
    // The service stays healthy: the next program runs normally.
    Map<String, Object> next = run("python", "print('alive')");
    assertThat(next).containsEntry("outcome", "passed").containsEntry("stdout", "alive\n");
  }

  @Test
  void forkBomb_isStoppedByTheProcessLimit() {
    String counted =
        "import os, time\nn = 0\nfor i in range(1000):\n    try:\n        pid = os.fork()\n"
            + "    except OSError:\n        break\n    if pid == 0:\n        time.sleep(30)\n"
            + "        os._exit(0)\n    n += 1\nprint(n)";
    // 10 s, not the 2 s default: under load 30 forks can outlast 2 s of wall time, and the clock
    // must not decide this verdict
    Map<String, Object> t = run("python", counted, Map.of("run_timeout_s", 10));
    assertThat(t).containsEntry("outcome", "passed");
    int forked = Integer.parseInt(((String) t.get("stdout")).strip());
    assertThat(forked).isLessThan(32).isGreaterThan(0);
    // A bash bomb cannot count itself; it ends as a verdict and leaves no process (checked after
    // each test).
    Map<String, Object> bomb = run("bash", ":(){ :|:& };:\nsleep 100");
    assertThat(bomb.get("outcome")).isIn("timeout", "runtime_error");
  }

  @Test
  void hugeAllocation_endsAsMemoryLimit() {
    Map<String, Object> py = run("python", "x = bytearray(2 * 1024 ** 3)\nprint(len(x))");
    assertThat(py).containsEntry("outcome", "memory_limit");
    assertThat((String) py.get("stderr")).contains("MemoryError");
    ScoreResult cpp =
        SCORER.score(
            item(
                fenced(
                    "cpp",
                    "#include <cstdio>\n#include <vector>\nint main() { size_t n; std::scanf(\"%zu\", &n);"
                        + " std::vector<char> v(n, 1); long s = 0;"
                        + " for (size_t i = 0; i < n; i += 4096) s += v[i]; std::printf(\"%ld\", s); }"),
                stdio("cpp", Long.toString(2L << 30), "524288"),
                Map.of()));
    assertThat(cpp.reward()).isEqualTo(0.0);
    assertThat(cpp.details().get("tests").toString()).contains("outcome=memory_limit");
  }

  /**
   * Measured in CPU time, not wall time: the loop reports its own CPU time as it goes (stderr is
   * kept after the kill); the last report stays within the CPU limit's hard value (limit + 1 s).
   */
  @Test
  void cpuLoop_endsAsTimeoutWithinItsCpuLimit() {
    Map<String, Object> t =
        run(
            "python",
            "import os, time\nlast = -1.0\nwhile True:\n    c = time.process_time()\n"
                + "    if c - last >= 0.02:\n        os.write(2, b'cpu %.2f\\n' % c)\n        last = c");
    assertThat(t).containsEntry("outcome", "timeout");
    List<Double> reports =
        ((String) t.get("stderr"))
            .lines()
            .filter(l -> l.startsWith("cpu "))
            .map(l -> Double.parseDouble(l.substring(4)))
            .toList();
    assertThat(reports).as("CPU time reported by the loop").isNotEmpty();
    assertThat(reports.get(reports.size() - 1))
        .isLessThanOrEqualTo(LIMITS.runTimeout().toSeconds() + 1.0);
  }

  /** A sleeper uses no CPU: only the wall-clock limit can end it, and the verdict says so. */
  @Test
  void sleepForever_endsAsTimeoutAtWallLimit() {
    ScoreResult r =
        SCORER.score(
            item(
                fenced("python", "import os, time\nos.write(1, b'asleep')\ntime.sleep(10 ** 6)"),
                Map.of("language", "python", "run", true),
                Map.of()));
    assertThat(r.details()).containsEntry(ScoreResult.LOAD_DEPENDENT, true);
    Map<String, Object> t = tests(r).get(0);
    assertThat(t).containsEntry("outcome", "timeout").containsEntry("stdout", "asleep");
  }

  @Test
  void gigabyteOfOutput_isCappedAsOutputLimit() {
    Map<String, Object> t =
        run("python", "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)");
    assertThat(t).containsEntry("outcome", "output_limit");
    // Measured in bytes: Python ignores SIGXFSZ, so the write that crosses the cap fails (EFBIG)
    // and the program can say how much it got out.
    Map<String, Object> counted =
        run(
            "python",
            "import os\nn = 0\ntry:\n    while True:\n        n += os.write(1, b'x' * 65536)\n"
                + "except OSError as e:\n    os.write(2, b'wrote %d' % n)");
    assertThat(counted).containsEntry("outcome", "output_limit");
    long wrote = Long.parseLong(((String) counted.get("stderr")).replace("wrote ", "").strip());
    assertThat(wrote).isPositive().isLessThanOrEqualTo(LIMITS.outputBytes());
  }

  @Test
  void fillingTheDisk_hitsTheTmpfsCapOrReadOnlyMounts() {
    String code =
        "import os\nres = []\nfor d in ['/box', '/usr', '/', '/etc', '/home', '/dev']:\n    try:\n"
            + "        open(os.path.join(d, '"
            + MARKER
            + "'), 'w').write('x')\n        res.append('wrote ' + d)\n    except OSError as e:\n"
            + "        res.append('denied')\ntry:\n    for i in range(10 ** 6):\n"
            + "        open('/tmp/f%d' % i, 'wb').write(b'0' * (512 * 1024))\nexcept OSError as e:\n"
            + "    res.append(e.strerror)\ntry:\n    for i in range(10 ** 6):\n"
            + "        open('/dev/shm/f%d' % i, 'wb').write(b'0' * (512 * 1024))\nexcept OSError as e:\n"
            + "    res.append('shm ' + e.strerror)\nprint(' '.join(res))";
    Map<String, Object> t = run("python", code);
    assertThat((String) t.get("stdout"))
        .doesNotContain("wrote")
        .contains("No space left on device")
        .contains("shm No space left on device");
  }

  @Test
  void sockets_toLoopbackAndOutsideFail() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(1);
      String code =
          "import socket\nout = []\nfor host, port in [('127.0.0.1', "
              + server.getLocalPort()
              + "), ('192.0.2.1', 80), ('1.1.1.1', 53)]:\n    s = socket.socket()\n"
              + "    s.settimeout(1)\n    try:\n        s.connect((host, port))\n"
              + "        out.append('connected')\n    except OSError as e:\n        out.append('blocked')\n"
              + "print(' '.join(out))";
      Map<String, Object> t = run("python", code);
      assertThat(t).containsEntry("stdout", "blocked blocked blocked\n");
      try {
        server.accept().close();
        throw new AssertionError("the host's loopback server accepted a sandboxed connection");
      } catch (SocketTimeoutException expected) {
        // nothing reached the host
      }
    }
  }

  @Test
  void secrets_shadowRootServiceFilesAndEnvironmentAreInvisible() {
    String code =
        "import os\nseen = []\nfor p in ['/etc/shadow', '/etc/passwd', '/root', '"
            + TestSandboxes.SCRATCH
            + "', '"
            + Path.of("").toAbsolutePath()
            + "', '/proc/1/environ', '/home', '/var']:\n    try:\n        if os.path.isdir(p):\n"
            + "            os.listdir(p)\n        else:\n            open(p).read()\n        seen.append(p)\n"
            + "    except OSError:\n        pass\nprint(seen)\nprint(sorted(os.environ))";
    Map<String, Object> t = run("python", code);
    String out = (String) t.get("stdout");
    assertThat(out.lines().findFirst().orElseThrow()).isEqualTo("['/proc/1/environ']");
    assertThat(out)
        .contains("['HOME', 'LANG', 'PATH', 'PWD', 'PYTHONIOENCODING', 'TMPDIR']")
        .doesNotContain("JAVA")
        .doesNotContain("ARB_");
  }

  @Test
  void killParentAndKillMinusOne_endTheRunOnly() {
    Map<String, Object> t =
        run("python", "import os, signal\nos.kill(os.getppid(), 9)\nos.kill(-1, 9)\nprint('x')");
    assertThat(t.get("outcome")).isIn("runtime_error", "passed");
    Map<String, Object> sh = run("bash", "kill -9 -1; kill -9 1; echo after");
    assertThat(sh.get("outcome")).isIn("runtime_error", "passed");
  }

  @Test
  void backgroundProcess_isKilledWithTheRun() {
    Map<String, Object> t =
        run("bash", "(sleep 1000 &)\nnohup sleep 1000 >/dev/null 2>&1 &\ndisown\necho done");
    // passed, not timeout: the run did not wait for its background processes; none is left
    // (checked after each test)
    assertThat(t).containsEntry("outcome", "passed").containsEntry("stdout", "done\n");
  }

  @Test
  void filesAndShmDoNotPersistIntoTheNextRun() {
    String code =
        "import os\npaths = ['/dev/shm/m', '/tmp/m']\nif any(os.path.exists(p) for p in paths):\n"
            + "    print('leak')\nelse:\n    for p in paths:\n        open(p, 'w').write('x')\n"
            + "    print('clean')";
    Map<String, Object> ref = stdio("python", "", "clean\n", "", "clean\n", "", "clean\n");
    assertThat(SCORER.score(item(fenced("python", code), ref, Map.of())).reward()).isEqualTo(1.0);
    assertThat(SCORER.score(item(fenced("python", code), ref, Map.of())).reward()).isEqualTo(1.0);
  }

  @Test
  void symlinkTricks_cannotReachWhatTheHostReadsBack() throws IOException {
    String code =
        "import os\nres = []\nfor src, dst in [('/etc/shadow', '/box/main.py'), ('/etc/shadow', '/box/x'),"
            + " ('/proc/self/fd/1', '/tmp/out')]:\n    try:\n        os.symlink(src, dst)\n"
            + "        res.append('linked ' + dst)\n    except OSError:\n        res.append('denied')\n"
            + "print(' '.join(res))";
    Map<String, Object> t = run("python", code);
    assertThat((String) t.get("stdout")).isEqualTo("denied denied linked /tmp/out\n");
    try (Stream<Path> slots = Files.list(TestSandboxes.SCRATCH)) {
      for (Path slot : slots.filter(p -> p.getFileName().toString().startsWith("slot-")).toList()) {
        try (Stream<Path> files = Files.list(slot)) {
          assertThat(files.filter(Files::isSymbolicLink).toList()).isEmpty();
        }
      }
    }
  }

  @Test
  void exitZeroBeforeAsserts_failsEveryTest() {
    Map<String, Object> ref =
        Map.of("language", "python", "assert", List.of("assert f(1) == 2", "assert f(2) == 4"));
    ScoreResult r =
        SCORER.score(
            item(
                fenced("python", "import sys\ndef f(x):\n    return 0\nsys.exit(0)"),
                ref,
                Map.of()));
    assertThat(r.reward()).isEqualTo(0.0);
    ScoreResult js =
        SCORER.score(
            item(
                fenced("javascript", "function f(x) { return 0; }\nprocess.exit(0);"),
                Map.of(
                    "language",
                    "javascript",
                    "assert",
                    List.of("if (f(1) !== 2) throw new Error('no')")),
                Map.of()));
    assertThat(js.reward()).isEqualTo(0.0);
  }

  /** Pids of live processes whose real uid is one of the test sandbox's slot uids. */
  private static List<String> processesOfSlotUids() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          for (String line : Files.readAllLines(p.resolve("status"))) {
            if (line.startsWith("Uid:")) {
              int uid = Integer.parseInt(line.split("\\s+")[1]);
              // the uids this instance claimed (another instance on the host has its own)
              if (TestSandboxes.SANDBOX.slotIds().contains(uid)) {
                found.add(
                    p.getFileName()
                        + " "
                        + Files.readString(p.resolve("status"))
                            .lines()
                            .filter(
                                l ->
                                    l.startsWith("Name")
                                        || l.startsWith("State")
                                        || l.startsWith("PPid"))
                            .toList());
              }
            }
          }
        } catch (IOException e) {
          // exited meanwhile
        }
      }
    }
    return found;
  }
}
