package dev.arbiter.verifier.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.verifier.code.lang.Languages;
import dev.arbiter.verifier.code.sandbox.DockerSandbox;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without a reachable engine the docker backend says why, and no language is offered. */
class DockerUnreachableTest {

  @Test
  void unreachableEngine_isReportedNotThrown() {
    DockerSandbox sandbox =
        new DockerSandbox(
            new DockerSandbox.Settings(
                "unix:///nonexistent/docker.sock",
                "python:3.12-slim",
                1,
                Path.of(System.getProperty("java.io.tmpdir"), "arbiter-sandbox-nodocker"),
                Duration.ofSeconds(1)));
    assertThat(sandbox.unavailableReason())
        .contains("docker engine or image")
        .contains("not reachable");
    Languages languages = Languages.detectInSandbox(sandbox);
    assertThat(languages.all()).allSatisfy(l -> assertThat(l.available()).isFalse());
  }
}
