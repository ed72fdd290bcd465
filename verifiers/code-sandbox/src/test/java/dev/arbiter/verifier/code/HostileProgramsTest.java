package dev.arbiter.verifier.code;

import static dev.arbiter.verifier.code.TestSandboxes.fenced;
import static dev.arbiter.verifier.code.TestSandboxes.item;
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
    ScoreResult r =
        SCORER.score(
            item(fenced(language, code), Map.of("language", language, "run", true), Map.of()));
    assertThat(r.status()).as("%s", r.details()).isEqualTo(ScoreStatus.OK);
    return ((List<Map<String, Object>>) r.details().get("tests")).get(0);
  }

  private static double ms(Map<String, Object> test) {
    return ((Number) test.get("time_ms")).doubleValue();
  }

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
    Map<String, Object> t = run("python", counted);
    assertThat(t).containsEntry("outcome", "passed");
    int forked = Integer.parseInt(((String) t.get("stdout")).strip());
    assertThat(forked).isLessThan(32).isGreaterThan(0);
    Map<String, Object> bomb = run("bash", ":(){ :|:& };:\nsleep 100");
    assertThat(bomb.get("outcome")).isIn("timeout", "runtime_error");
    assertThat(ms(bomb)).isLessThan(4000);
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
                Map.of(
                    "language",
                    "cpp",
                    "tests",
                    List.of(Map.of("stdin", Long.toString(2L << 30), "stdout", "524288"))),
                Map.of()));
    assertThat(cpp.reward()).isEqualTo(0.0);
    assertThat(cpp.details().get("tests").toString()).contains("outcome=memory_limit");
  }

  @Test
  void cpuLoop_endsAsTimeoutWithinLimit() {
    Map<String, Object> t = run("python", "while True:\n    pass");
    assertThat(t).containsEntry("outcome", "timeout");
    assertThat(ms(t)).isLessThan(3500);
  }

  @Test
  void sleepForever_endsAsTimeoutAtWallLimit() {
    Map<String, Object> t = run("python", "import time\ntime.sleep(10 ** 6)");
    assertThat(t).containsEntry("outcome", "timeout");
    assertThat(ms(t)).isBetween(1900.0, 3500.0);
  }

  @Test
  void gigabyteOfOutput_isCappedAsOutputLimit() {
    Map<String, Object> t =
        run("python", "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)");
    assertThat(t).containsEntry("outcome", "output_limit");
    assertThat(ms(t)).isLessThan(2000);
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
    assertThat(t).containsEntry("outcome", "passed").containsEntry("stdout", "done\n");
    assertThat(ms(t)).isLessThan(1500);
  }

  @Test
  void filesAndShmDoNotPersistIntoTheNextRun() {
    String code =
        "import os\npaths = ['/dev/shm/m', '/tmp/m']\nif any(os.path.exists(p) for p in paths):\n"
            + "    print('leak')\nelse:\n    for p in paths:\n        open(p, 'w').write('x')\n"
            + "    print('clean')";
    Map<String, Object> ref =
        Map.of(
            "language",
            "python",
            "tests",
            List.of(
                Map.of("stdin", "", "stdout", "clean\n"),
                Map.of("stdin", "", "stdout", "clean\n"),
                Map.of("stdin", "", "stdout", "clean\n")));
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
