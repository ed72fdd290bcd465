package dev.arbiter.verifier.code.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seccomp filter on real programs: a C program makes one system call inside the sandbox and
 * must be refused; the same binary run on the host, outside the filter, must not get that answer
 * (so the refusal is the filter's, not the kernel's). As a non-root host user the privileged calls
 * fail outside too, so their outside half needs root (this machine and CI run as root).
 */
class SeccompSandboxTest {

  private static BubblewrapSandbox sandbox;
  private static Path box;
  private static Path probe;

  @BeforeAll
  static void compileProbe() throws IOException, InterruptedException {
    sandbox = Sandboxes.create(61400, 2, true, Sandboxes.scratch("locks"));
    assertThat(sandbox.unavailableReason()).isNull();
    assertThat(sandbox.describe()).contains("seccomp filter");
    box = sandbox.newBox();
    Path source = box.getParent().resolve(box.getFileName() + ".c");
    try (InputStream in =
        SeccompSandboxTest.class.getResourceAsStream("/sandbox/syscall-probe.c")) {
      Files.write(source, in.readAllBytes());
    }
    probe = box.resolve("probe");
    String out = Sandboxes.host(List.of("gcc", "-O1", "-o", probe.toString(), source.toString()));
    Files.delete(source);
    assertThat(probe).as("gcc: %s", out).isExecutable();
  }

  @AfterAll
  static void close() {
    Boxes.delete(box);
    sandbox.close();
  }

  private static String inside(String call) {
    RunOutcome o = Sandboxes.run(sandbox, box, List.of("/box/probe", call), 20);
    assertThat(o.succeeded()).as("%s: %s %s", call, o.termination(), o.stderrText()).isTrue();
    return o.stdoutText().strip();
  }

  private static String outside(String call) throws IOException, InterruptedException {
    return Sandboxes.host(List.of(probe.toString(), call)).strip();
  }

  @ParameterizedTest(name = "{0} is refused with {1}")
  @CsvSource({
    "vsock, EPERM, false",
    "netlink, EPERM, false",
    "packet, EPERM, true",
    "bluetooth, EPERM, false",
    "alg, EPERM, false",
    "socketpair_vsock, EPERM, false",
    "io_uring_setup, EPERM, false",
    "ptrace, EPERM, false",
    "bpf, EPERM, true",
    "perf_event_open, EPERM, false",
    "keyctl, EPERM, false",
    "add_key, EPERM, false",
    "request_key, EPERM, false",
    "userfaultfd, EPERM, true",
    "init_module, EPERM, true",
    "finit_module, EPERM, true",
    "delete_module, EPERM, true",
    "kexec_load, EPERM, true",
    "kexec_file_load, EPERM, true",
    "unshare, EPERM, false",
    "clone_newuser, EPERM, false",
    "mount, EPERM, true",
    "personality, EPERM, false"
  })
  void run_refusesTheCallThatWorksOutsideTheFilter(String call, String errno, boolean privileged)
      throws IOException, InterruptedException {
    assertThat(inside(call)).isEqualTo(call + " " + errno);
    if (!privileged || Sandboxes.hostIsRoot()) {
      assertThat(outside(call)).isNotEqualTo(call + " " + errno).startsWith(call + " ");
    }
  }

  @ParameterizedTest(name = "{0} still works")
  @CsvSource({"unix", "inet", "inet6", "socketpair_unix", "fork"})
  void run_allowsWhatProgramsUse(String call) {
    assertThat(inside(call)).isEqualTo(call + " ok");
  }

  @Test
  void run_reportsSeccompModeInStatus() throws IOException {
    RunOutcome o = Sandboxes.sh(sandbox, "grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status");
    assertThat(o.stdoutText()).contains("NoNewPrivs:\t1").contains("Seccomp:\t2");
  }
}
