package dev.arbiter.verifier.code.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seccomp filter every sandboxed program runs under: a classic-BPF program (the format bwrap's
 * {@code --seccomp FD} loads) built here for the host's architecture. It kills a process that makes
 * a system call through another ABI (i386 or x32 on x86_64: their numbers differ, so a deny list
 * written for one ABI would not hold for the other), and refuses with {@code EPERM}:
 *
 * <ul>
 *   <li>{@code socket}/{@code socketpair} of any family but {@code AF_UNIX}, {@code AF_INET},
 *       {@code AF_INET6} (no {@code AF_VSOCK}, which reaches listeners outside the network
 *       namespace; no {@code AF_NETLINK}, the route into nf_tables and tc with the namespace's own
 *       {@code CAP_NET_ADMIN}; no {@code AF_PACKET}, {@code AF_ALG}, {@code AF_BLUETOOTH}, ...);
 *   <li>kernel attack surface no toolchain needs: io_uring, ptrace, bpf, perf events, keyrings,
 *       userfaultfd, module and kexec calls, cross-process memory ({@code process_vm_*}, {@code
 *       kcmp}, {@code pidfd_getfd});
 *   <li>namespace and mount changes ({@code unshare}, {@code setns}, {@code clone} with a {@code
 *       CLONE_NEW*} flag, {@code mount} and the new mount API), so no nested user namespace even
 *       where bwrap cannot pass {@code --disable-userns};
 *   <li>host-wide administration (clock, swap, reboot, quota, accounting, syslog, file handles);
 *   <li>{@code personality} beyond the values Docker's default profile allows.
 * </ul>
 *
 * <p>{@code clone3} answers {@code ENOSYS}: its flags live in memory a filter cannot read, and
 * glibc falls back to {@code clone} on {@code ENOSYS}. {@code EPERM} (not {@code EAFNOSUPPORT}) for
 * socket families says "refused here" rather than "this kernel lacks it", and tells the two apart.
 */
public final class SeccompFilter {

  static final int RET_KILL_PROCESS = 0x80000000;
  static final int RET_ERRNO = 0x00050000;
  static final int RET_ALLOW = 0x7fff0000;
  static final int EPERM = 1;
  static final int ENOSYS = 38;

  static final int AF_UNIX = 1;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;

  /** CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, NET. */
  static final int CLONE_NEW_FLAGS =
      0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

  /** Docker's default allows these personalities (Linux, and the 32-bit/query variants). */
  static final List<Integer> ALLOWED_PERSONALITIES = List.of(0x0, 0x8, 0x20000, 0x20008, -1);

  // seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6]
  private static final int OFF_NR = 0;
  private static final int OFF_ARCH = 4;
  private static final int OFF_ARG0_LOW = 16;

  // classic BPF opcodes
  private static final short LD_W_ABS = 0x20;
  private static final short JEQ_K = 0x15;
  private static final short JGE_K = 0x35;
  private static final short JSET_K = 0x45;
  private static final short RET_K = 0x06;

  /** A CPU architecture's seccomp view: its audit arch and its system call numbers. */
  public enum Arch {
    X86_64(0xC000003E, 0x40000000, x86Numbers()),
    AARCH64(0xC00000B7, 0, genericNumbers());

    final int auditArch;

    /** Numbers at or above this belong to a foreign ABI on the same audit arch (x32), or 0. */
    final int foreignAbiBit;

    final Map<String, Integer> numbers;

    Arch(int auditArch, int foreignAbiBit, Map<String, Integer> numbers) {
      this.auditArch = auditArch;
      this.foreignAbiBit = foreignAbiBit;
      this.numbers = numbers;
    }

    /** The architecture this JVM runs on, if a filter exists for it. */
    public static Optional<Arch> host() {
      return switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> Optional.of(X86_64);
        case "aarch64", "arm64" -> Optional.of(AARCH64);
        default -> Optional.empty();
      };
    }

    /** The system call number of {@code name} on this architecture. */
    public int number(String name) {
      Integer n = numbers.get(name);
      if (n == null) {
        throw new IllegalArgumentException("no system call " + name + " on " + this);
      }
      return n;
    }
  }

  /** System calls refused with EPERM whatever their arguments (where the architecture has them). */
  static final List<String> DENIED =
      List.of(
          "ptrace",
          "bpf",
          "perf_event_open",
          "keyctl",
          "add_key",
          "request_key",
          "userfaultfd",
          "init_module",
          "finit_module",
          "delete_module",
          "kexec_load",
          "kexec_file_load",
          "io_uring_setup",
          "io_uring_enter",
          "io_uring_register",
          "process_vm_readv",
          "process_vm_writev",
          "kcmp",
          "pidfd_getfd",
          "unshare",
          "setns",
          "mount",
          "umount2",
          "pivot_root",
          "open_tree",
          "move_mount",
          "fsopen",
          "fsconfig",
          "fsmount",
          "fspick",
          "mount_setattr",
          "open_by_handle_at",
          "name_to_handle_at",
          "fanotify_init",
          "syslog",
          "acct",
          "swapon",
          "swapoff",
          "reboot",
          "quotactl",
          "quotactl_fd",
          "lookup_dcookie",
          "settimeofday",
          "clock_settime",
          "adjtimex",
          "clock_adjtime",
          "vhangup",
          "iopl",
          "ioperm",
          "uselib");

  private SeccompFilter() {}

  /** The filter for {@code arch}, as the bytes of a {@code struct sock_filter[]} in host order. */
  public static byte[] compile(Arch arch) {
    return encode(program(arch));
  }

  /** One {@code struct sock_filter}. */
  record Insn(short code, int jt, int jf, int k) {}

  /** The program as instructions (tests run it through an interpreter). */
  static List<Insn> program(Arch arch) {
    Assembler a = new Assembler();
    a.ld(OFF_ARCH);
    a.jeq(arch.auditArch, null, "kill");
    a.ld(OFF_NR);
    a.jeq(-1, "allow", null); // syscall(-1): the kernel answers ENOSYS
    if (arch.foreignAbiBit != 0) {
      a.jge(arch.foreignAbiBit, "kill", null);
    }
    a.jeq(arch.number("socket"), "socket", null);
    a.jeq(arch.number("socketpair"), "socket", null);
    a.jeq(arch.number("clone"), "clone", null);
    a.jeq(arch.number("clone3"), "enosys", null);
    a.jeq(arch.number("personality"), "personality", null);
    for (String name : DENIED) {
      Integer nr = arch.numbers.get(name);
      if (nr != null) {
        a.jeq(nr, "eperm", null);
      }
    }
    a.ret(RET_ALLOW);

    a.label("socket");
    a.ld(OFF_ARG0_LOW);
    a.jeq(AF_UNIX, "allow", null);
    a.jeq(AF_INET, "allow", null);
    a.jeq(AF_INET6, "allow", "eperm");

    a.label("clone");
    a.ld(OFF_ARG0_LOW);
    a.jset(CLONE_NEW_FLAGS, "eperm", "allow");

    a.label("personality");
    a.ld(OFF_ARG0_LOW);
    for (int p : ALLOWED_PERSONALITIES) {
      a.jeq(p, "allow", null);
    }
    a.ret(RET_ERRNO | EPERM);

    a.label("allow");
    a.ret(RET_ALLOW);
    a.label("eperm");
    a.ret(RET_ERRNO | EPERM);
    a.label("enosys");
    a.ret(RET_ERRNO | ENOSYS);
    a.label("kill");
    a.ret(RET_KILL_PROCESS);
    return a.resolve();
  }

  static byte[] encode(List<Insn> program) {
    ByteBuffer b = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.nativeOrder());
    for (Insn i : program) {
      b.putShort(i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
    }
    return b.array();
  }

  /** Builds a program with forward jumps to labels; a null target falls through. */
  private static final class Assembler {
    private record Pending(short code, String jt, String jf, int k) {}

    private final List<Pending> code = new ArrayList<>();
    private final Map<String, Integer> labels = new LinkedHashMap<>();

    void ld(int offset) {
      code.add(new Pending(LD_W_ABS, null, null, offset));
    }

    void jeq(int k, String jt, String jf) {
      code.add(new Pending(JEQ_K, jt, jf, k));
    }

    void jge(int k, String jt, String jf) {
      code.add(new Pending(JGE_K, jt, jf, k));
    }

    void jset(int k, String jt, String jf) {
      code.add(new Pending(JSET_K, jt, jf, k));
    }

    void ret(int k) {
      code.add(new Pending(RET_K, null, null, k));
    }

    void label(String name) {
      labels.put(name, code.size());
    }

    List<Insn> resolve() {
      List<Insn> out = new ArrayList<>();
      for (int pc = 0; pc < code.size(); pc++) {
        Pending p = code.get(pc);
        out.add(new Insn(p.code(), offset(pc, p.jt()), offset(pc, p.jf()), p.k()));
      }
      return out;
    }

    private int offset(int pc, String label) {
      if (label == null) {
        return 0;
      }
      Integer target = labels.get(label);
      if (target == null) {
        throw new IllegalStateException("undefined label " + label);
      }
      int off = target - pc - 1;
      if (off < 0 || off > 255) {
        throw new IllegalStateException("jump to " + label + " out of range: " + off);
      }
      return off;
    }
  }

  private static Map<String, Integer> x86Numbers() {
    Map<String, Integer> m = new LinkedHashMap<>(commonNumbers());
    m.putAll(
        Map.ofEntries(
            Map.entry("socket", 41),
            Map.entry("socketpair", 53),
            Map.entry("clone", 56),
            Map.entry("ptrace", 101),
            Map.entry("syslog", 103),
            Map.entry("uselib", 134),
            Map.entry("personality", 135),
            Map.entry("vhangup", 153),
            Map.entry("pivot_root", 155),
            Map.entry("adjtimex", 159),
            Map.entry("acct", 163),
            Map.entry("settimeofday", 164),
            Map.entry("mount", 165),
            Map.entry("umount2", 166),
            Map.entry("swapon", 167),
            Map.entry("swapoff", 168),
            Map.entry("reboot", 169),
            Map.entry("iopl", 172),
            Map.entry("ioperm", 173),
            Map.entry("init_module", 175),
            Map.entry("delete_module", 176),
            Map.entry("quotactl", 179),
            Map.entry("lookup_dcookie", 212),
            Map.entry("clock_settime", 227),
            Map.entry("kexec_load", 246),
            Map.entry("add_key", 248),
            Map.entry("request_key", 249),
            Map.entry("keyctl", 250),
            Map.entry("unshare", 272),
            Map.entry("perf_event_open", 298),
            Map.entry("fanotify_init", 300),
            Map.entry("name_to_handle_at", 303),
            Map.entry("open_by_handle_at", 304),
            Map.entry("clock_adjtime", 305),
            Map.entry("setns", 308),
            Map.entry("process_vm_readv", 310),
            Map.entry("process_vm_writev", 311),
            Map.entry("kcmp", 312),
            Map.entry("finit_module", 313),
            Map.entry("kexec_file_load", 320),
            Map.entry("bpf", 321),
            Map.entry("userfaultfd", 323)));
    return Map.copyOf(m);
  }

  /** asm-generic numbering (aarch64). */
  private static Map<String, Integer> genericNumbers() {
    Map<String, Integer> m = new LinkedHashMap<>(commonNumbers());
    m.putAll(
        Map.ofEntries(
            Map.entry("lookup_dcookie", 18),
            Map.entry("umount2", 39),
            Map.entry("mount", 40),
            Map.entry("pivot_root", 41),
            Map.entry("vhangup", 58),
            Map.entry("quotactl", 60),
            Map.entry("acct", 89),
            Map.entry("personality", 92),
            Map.entry("unshare", 97),
            Map.entry("kexec_load", 104),
            Map.entry("init_module", 105),
            Map.entry("delete_module", 106),
            Map.entry("clock_settime", 112),
            Map.entry("syslog", 116),
            Map.entry("ptrace", 117),
            Map.entry("reboot", 142),
            Map.entry("settimeofday", 170),
            Map.entry("adjtimex", 171),
            Map.entry("socket", 198),
            Map.entry("socketpair", 199),
            Map.entry("add_key", 217),
            Map.entry("request_key", 218),
            Map.entry("keyctl", 219),
            Map.entry("clone", 220),
            Map.entry("swapon", 224),
            Map.entry("swapoff", 225),
            Map.entry("perf_event_open", 241),
            Map.entry("fanotify_init", 262),
            Map.entry("name_to_handle_at", 264),
            Map.entry("open_by_handle_at", 265),
            Map.entry("clock_adjtime", 266),
            Map.entry("setns", 268),
            Map.entry("process_vm_readv", 270),
            Map.entry("process_vm_writev", 271),
            Map.entry("kcmp", 272),
            Map.entry("finit_module", 273),
            Map.entry("bpf", 280),
            Map.entry("userfaultfd", 282),
            Map.entry("kexec_file_load", 294)));
    return Map.copyOf(m);
  }

  /** Numbers shared by every architecture (allocated after the tables were unified, 5.1+). */
  private static Map<String, Integer> commonNumbers() {
    return Map.ofEntries(
        Map.entry("io_uring_setup", 425),
        Map.entry("io_uring_enter", 426),
        Map.entry("io_uring_register", 427),
        Map.entry("open_tree", 428),
        Map.entry("move_mount", 429),
        Map.entry("fsopen", 430),
        Map.entry("fsconfig", 431),
        Map.entry("fsmount", 432),
        Map.entry("fspick", 433),
        Map.entry("clone3", 435),
        Map.entry("pidfd_getfd", 438),
        Map.entry("mount_setattr", 442),
        Map.entry("quotactl_fd", 443));
  }
}
