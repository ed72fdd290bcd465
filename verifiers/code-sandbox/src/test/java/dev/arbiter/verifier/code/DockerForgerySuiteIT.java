package dev.arbiter.verifier.code;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The forgery suite ({@link ForgeryCases}) against the docker backend (skipped, visibly, where no
 * Docker engine runs): the tricks against the in-process Python harness (the runner image of {@link
 * DockerSandboxIT} has no other toolchain). Those are the cases where the backend matters: the
 * nonce arrives on the container's stdin and the audit hooks run inside it. The value-probe cases
 * compare in Java whatever the backend, and every container start under the CI engine's vfs storage
 * copies the image (about 2 s each), so the whole Python suite (76 cases) stays with the bubblewrap
 * run.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerForgerySuiteIT {

  private static ForgeryCases cases;

  @BeforeAll
  static void start() throws InterruptedException {
    cases = new ForgeryCases(DockerSandboxIT.dockerScorer());
  }

  @TestFactory
  Stream<DynamicTest> everyInProcessPythonForgery_earnsTheHonestWrongReward() {
    return cases.tests(Set.of("py-inprocess"));
  }

  @AfterAll
  static void report() {
    if (cases != null) {
      System.out.println("forgery suite (docker backend): " + cases.report());
    }
  }
}
