package dev.arbiter.verifier.code;

import static dev.arbiter.verifier.code.TestSandboxes.fenced;
import static dev.arbiter.verifier.code.TestSandboxes.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.DockerSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The docker backend against a real engine (skipped, visibly, where no Docker engine runs). The
 * runner image: {@code -Darbiter.test.sandbox-image}, else the local {@code arbiter-base/python:3}
 * (scripts/build-base-images.sh: Debian + python3; small, as every run starts a container from it)
 * when present, else {@code python:3.12-slim} from Docker Hub.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerSandboxIT {

  private static final String STAND_IN = "arbiter-base/python:3";
  private static String image;
  private static CodeScorer scorer;

  private static boolean present(DockerClient docker, String name) {
    try {
      docker.inspectImageCmd(name).exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @BeforeAll
  static void pullAndStart() throws InterruptedException {
    scorer = dockerScorer();
  }

  /**
   * A code scorer on the docker backend with the runner image chosen as the class comment says
   * (pulled when absent); Python only, as the stand-in image has no other toolchain.
   */
  static CodeScorer dockerScorer() throws InterruptedException {
    DockerClient docker = DockerClientFactory.instance().client();
    String chosen = System.getProperty("arbiter.test.sandbox-image", "");
    image = !chosen.isBlank() ? chosen : present(docker, STAND_IN) ? STAND_IN : "python:3.12-slim";
    if (!present(docker, image)) {
      docker.pullImageCmd(image).start().awaitCompletion();
    }
    DockerSandbox sandbox =
        new DockerSandbox(
            new DockerSandbox.Settings(
                null,
                image,
                2,
                Path.of(System.getProperty("java.io.tmpdir"), "arbiter-sandbox-docker"),
                Duration.ofSeconds(60)));
    assertThat(sandbox.unavailableReason()).isNull();
    Languages languages = Languages.detectInSandbox(sandbox);
    assertThat(languages.find("python").orElseThrow().available()).isTrue();
    return new CodeScorer(
        sandbox,
        languages,
        TestSandboxes.fastDefaults(),
        new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16)),
        8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(String code) {
    ScoreResult r =
        scorer.score(
            item(fenced("python", code), Map.of("language", "python", "run", true), Map.of()));
    return ((List<Map<String, Object>>) r.details().get("tests")).get(0);
  }

  @Test
  void stdioProblem_isScored() {
    ScoreResult r =
        scorer.score(
            item(
                fenced("python", "a, b = map(int, input().split())\nprint(a + b)"),
                Map.of(
                    "language",
                    "python",
                    "tests",
                    List.of(Map.of("stdin", "1 2\n", "stdout", "3\n"))),
                Map.of()));
    assertThat(r.reward()).isEqualTo(1.0);
  }

  @Test
  void hostilePrograms_areContained() {
    assertThat(run("import time\ntime.sleep(1000)")).containsEntry("outcome", "timeout");
    assertThat(run("x = bytearray(2 * 1024 ** 3)")).containsEntry("outcome", "memory_limit");
    assertThat(run("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)"))
        .containsEntry("outcome", "output_limit");
    String net =
        "import socket\ns = socket.socket()\ns.settimeout(1)\ntry:\n    s.connect(('1.1.1.1', 53))\n"
            + "    print('connected')\nexcept OSError:\n    print('blocked')";
    assertThat(run(net)).containsEntry("stdout", "blocked\n");
    String write =
        "try:\n    open('/etc/x', 'w')\n    print('wrote')\nexcept OSError:\n    print('denied')";
    assertThat(run(write)).containsEntry("stdout", "denied\n");
    assertThat(run("import os\nprint(os.getuid())")).containsEntry("stdout", "65534\n");
  }
}
