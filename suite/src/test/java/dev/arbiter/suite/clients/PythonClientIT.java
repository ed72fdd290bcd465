package dev.arbiter.suite.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.suite.ArbiterSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Python package's tests ({@code clients/python/tests}) against the real one-process suite:
 * each trainer's calling code (TRL, verl, OpenRLHF) through the package, masked items, invalid
 * references, chunking past the item limit, and a backend that is killed and comes back. The {@code
 * py-echo} scorer is routed to a port on which the Python tests start (and kill) their own scorer
 * service. The build fails when a Python test fails.
 */
@SpringBootTest(
    classes = ArbiterSuite.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "arbiter.scoring.max-items=" + PythonClientIT.MAX_ITEMS,
      "arbiter.gateway.backends.py.scorers=py-echo",
      "arbiter.gateway.backends.py.resilience.retry-attempts=1",
      "arbiter.gateway.backends.py.resilience.open-duration=1s"
    })
class PythonClientIT {

  static final int MAX_ITEMS = 64;
  static final int BACKEND_PORT = freePort();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void backend(DynamicPropertyRegistry registry) {
    registry.add("arbiter.gateway.backends.py.url", () -> "http://127.0.0.1:" + BACKEND_PORT);
  }

  @Test
  void pythonPackageTests_passAgainstTheLiveSuite() throws Exception {
    Path client = Path.of("..", "clients", "python").toAbsolutePath().normalize();
    assertThat(client.resolve("arbiter_client/__init__.py")).exists();
    Path log = Files.createTempFile("arbiter-python-tests", ".log");
    ProcessBuilder builder =
        new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v")
            .directory(client.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("ARBITER_URL", "http://127.0.0.1:" + port);
    env.put("ARBITER_TEST_BACKEND_PORT", Integer.toString(BACKEND_PORT));
    env.put("ARBITER_TEST_MAX_ITEMS", Integer.toString(MAX_ITEMS));
    env.put("PYTHONPATH", client.toString());
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("PYTHONWARNINGS", "ignore::ResourceWarning");
    Process process = builder.start();
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(finished).as("python tests finished within 10 minutes").isTrue();
    assertThat(process.exitValue())
        .as("python3 -m unittest exit status; output:%n%s", output)
        .isZero();
    assertThat(output).contains("OK").doesNotContain("skipped 'needs a live suite");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
