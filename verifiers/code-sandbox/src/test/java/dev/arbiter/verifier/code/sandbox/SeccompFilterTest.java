package dev.arbiter.verifier.code.sandbox;

import static dev.arbiter.verifier.code.sandbox.SeccompFilter.EPERM;
import static dev.arbiter.verifier.code.sandbox.SeccompFilter.RET_ALLOW;
import static dev.arbiter.verifier.code.sandbox.SeccompFilter.RET_ERRNO;
import static dev.arbiter.verifier.code.sandbox.SeccompFilter.RET_KILL_PROCESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.verifier.code.sandbox.SeccompFilter.Arch;
import dev.arbiter.verifier.code.sandbox.SeccompFilter.Insn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The filter's logic, run through a small classic-BPF interpreter for each architecture. */
class SeccompFilterTest {

  private static final int AUDIT_ARCH_I386 = 0x40000003;

  /** Runs {@code program} on a {@code seccomp_data} and returns the action. */
  static int eval(List<Insn> program, int arch, int nr, long... args) {
    ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    data.putInt(0, nr).putInt(4, arch);
    for (int i = 0; i < args.length; i++) {
      data.putLong(16 + 8 * i, args[i]);
    }
    int a = 0;
    for (int pc = 0; pc < program.size(); pc++) {
      Insn in = program.get(pc);
      switch (in.code()) {
        case 0x20 -> a = data.getInt(in.k());
        case 0x06 -> {
          return in.k();
        }
        case 0x15 -> pc += a == in.k() ? in.jt() : in.jf();
        case 0x35 -> pc += Integer.compareUnsigned(a, in.k()) >= 0 ? in.jt() : in.jf();
        case 0x45 -> pc += (a & in.k()) != 0 ? in.jt() : in.jf();
        default -> throw new AssertionError("unexpected opcode " + in.code());
      }
    }
    throw new AssertionError("fell off the end of the program");
  }

  private static int call(Arch arch, String name, long... args) {
    return eval(SeccompFilter.program(arch), arch.auditArch, arch.number(name), args);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void program_refusesEveryDeniedCallWithEperm(Arch arch) {
    for (String name : SeccompFilter.DENIED) {
      if (arch.numbers.containsKey(name)) {
        assertThat(call(arch, name)).as(name).isEqualTo(RET_ERRNO | EPERM);
      }
    }
    assertThat(arch.numbers.keySet())
        .contains("io_uring_setup", "ptrace", "bpf", "perf_event_open", "keyctl", "userfaultfd")
        .contains("init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void program_allowsOrdinaryCalls(Arch arch) {
    List<Insn> p = SeccompFilter.program(arch);
    int read = arch == Arch.X86_64 ? 0 : 63;
    int execve = arch == Arch.X86_64 ? 59 : 221;
    assertThat(eval(p, arch.auditArch, read)).isEqualTo(RET_ALLOW);
    assertThat(eval(p, arch.auditArch, execve)).isEqualTo(RET_ALLOW);
    assertThat(eval(p, arch.auditArch, -1)).as("syscall(-1)").isEqualTo(RET_ALLOW);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void program_refusesSocketFamiliesButUnixAndIp(Arch arch) {
    for (int family : List.of(1, 2, 10)) {
      assertThat(call(arch, "socket", family, 1, 0)).isEqualTo(RET_ALLOW);
      assertThat(call(arch, "socketpair", family, 1, 0)).isEqualTo(RET_ALLOW);
    }
    // AF_NETLINK, AF_PACKET, AF_BLUETOOTH, AF_ALG, AF_VSOCK, AF_XDP, and a family above 2^32
    for (long family : List.of(16L, 17L, 31L, 38L, 40L, 44L, (1L << 32) | 40)) {
      assertThat(call(arch, "socket", family, 1, 0))
          .as("family %d", family)
          .isEqualTo(RET_ERRNO | EPERM);
      assertThat(call(arch, "socketpair", family, 1, 0)).isEqualTo(RET_ERRNO | EPERM);
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void program_refusesNewNamespacesButNotThreads(Arch arch) {
    long thread = 0x3d0f00; // glibc's pthread_create flags
    long fork = 0x01200011; // CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD
    assertThat(call(arch, "clone", thread)).isEqualTo(RET_ALLOW);
    assertThat(call(arch, "clone", fork)).isEqualTo(RET_ALLOW);
    assertThat(call(arch, "clone", fork | 0x10000000))
        .as("CLONE_NEWUSER")
        .isEqualTo(RET_ERRNO | EPERM);
    assertThat(call(arch, "clone", fork | 0x40000000))
        .as("CLONE_NEWNET")
        .isEqualTo(RET_ERRNO | EPERM);
    assertThat(call(arch, "clone3")).as("clone3: glibc falls back").isEqualTo(RET_ERRNO | 38);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void program_allowsOnlyPlainPersonalities(Arch arch) {
    assertThat(call(arch, "personality", 0xffffffffL)).isEqualTo(RET_ALLOW);
    assertThat(call(arch, "personality", 0)).isEqualTo(RET_ALLOW);
    assertThat(call(arch, "personality", 0x0400000))
        .as("READ_IMPLIES_EXEC")
        .isEqualTo(RET_ERRNO | EPERM);
    assertThat(call(arch, "personality", 0x0040000))
        .as("ADDR_NO_RANDOMIZE")
        .isEqualTo(RET_ERRNO | EPERM);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void program_killsForeignArchitectures(Arch arch) {
    List<Insn> p = SeccompFilter.program(arch);
    int other = arch == Arch.X86_64 ? Arch.AARCH64.auditArch : Arch.X86_64.auditArch;
    assertThat(eval(p, other, 0)).isEqualTo(RET_KILL_PROCESS);
    assertThat(eval(p, AUDIT_ARCH_I386, 0)).isEqualTo(RET_KILL_PROCESS);
  }

  @org.junit.jupiter.api.Test
  void program_killsX32CallsOnX86_64() {
    List<Insn> p = SeccompFilter.program(Arch.X86_64);
    // x32's socket is 0x40000000 | 41: a deny list keyed on x86_64 numbers would not see it
    assertThat(eval(p, Arch.X86_64.auditArch, 0x40000000 | 41, 40)).isEqualTo(RET_KILL_PROCESS);
    assertThat(eval(p, Arch.X86_64.auditArch, 0x40000000)).isEqualTo(RET_KILL_PROCESS);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void compile_encodesEightBytesPerInstruction(Arch arch) {
    List<Insn> p = SeccompFilter.program(arch);
    byte[] bytes = SeccompFilter.compile(arch);
    assertThat(bytes).hasSize(p.size() * 8);
    assertThat(p.size()).isLessThan(4096); // BPF_MAXINSNS
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    assertThat(b.getShort(0)).isEqualTo((short) 0x20);
    assertThat(b.getInt(4)).isEqualTo(4); // load seccomp_data.arch first
  }
}
