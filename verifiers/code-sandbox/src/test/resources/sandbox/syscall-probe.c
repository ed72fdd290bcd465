/* Makes one system call named on the command line and prints "ok" or the errno's name. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>

static long call(const char *c) {
  int sv[2];
  if (!strcmp(c, "vsock")) return socket(40, SOCK_STREAM, 0);
  if (!strcmp(c, "netlink")) return socket(AF_NETLINK, SOCK_RAW, 0);
  if (!strcmp(c, "packet")) return socket(AF_PACKET, SOCK_DGRAM, 0);
  if (!strcmp(c, "bluetooth")) return socket(31, SOCK_STREAM, 0);
  if (!strcmp(c, "alg")) return socket(38, SOCK_SEQPACKET, 0);
  if (!strcmp(c, "unix")) return socket(AF_UNIX, SOCK_STREAM, 0);
  if (!strcmp(c, "inet")) return socket(AF_INET, SOCK_STREAM, 0);
  if (!strcmp(c, "inet6")) return socket(AF_INET6, SOCK_DGRAM, 0);
  if (!strcmp(c, "socketpair_unix")) return socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  if (!strcmp(c, "socketpair_vsock")) return socketpair(40, SOCK_STREAM, 0, sv);
  if (!strcmp(c, "io_uring_setup")) {
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    return syscall(__NR_io_uring_setup, 1, &p);
  }
  if (!strcmp(c, "ptrace")) return ptrace(PTRACE_TRACEME, 0, 0, 0);
  if (!strcmp(c, "bpf")) {
    union bpf_attr a;
    memset(&a, 0, sizeof a);
    a.map_type = BPF_MAP_TYPE_ARRAY;
    a.key_size = 4;
    a.value_size = 4;
    a.max_entries = 1;
    return syscall(__NR_bpf, BPF_MAP_CREATE, &a, sizeof a);
  }
  if (!strcmp(c, "perf_event_open")) {
    struct perf_event_attr a;
    memset(&a, 0, sizeof a);
    a.type = PERF_TYPE_SOFTWARE;
    a.size = sizeof a;
    a.config = PERF_COUNT_SW_TASK_CLOCK;
    a.exclude_kernel = 1;
    return syscall(__NR_perf_event_open, &a, 0, -1, -1, 0);
  }
  if (!strcmp(c, "keyctl"))
    return syscall(__NR_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 1);
  if (!strcmp(c, "add_key"))
    return syscall(__NR_add_key, "user", "arbiter", "x", 1, KEY_SPEC_PROCESS_KEYRING);
  if (!strcmp(c, "request_key"))
    return syscall(__NR_request_key, "user", "arbiter-none", NULL, KEY_SPEC_PROCESS_KEYRING);
  if (!strcmp(c, "userfaultfd")) return syscall(__NR_userfaultfd, 0);
  if (!strcmp(c, "init_module")) return syscall(__NR_init_module, NULL, 0, "");
  if (!strcmp(c, "finit_module")) return syscall(__NR_finit_module, -1, "", 0);
  if (!strcmp(c, "delete_module")) return syscall(__NR_delete_module, "arbiter_none", O_NONBLOCK);
  if (!strcmp(c, "kexec_load")) return syscall(__NR_kexec_load, 0, 1000, NULL, 0);
  if (!strcmp(c, "kexec_file_load")) return syscall(__NR_kexec_file_load, -1, -1, 0, "", 0);
  if (!strcmp(c, "unshare")) return unshare(CLONE_NEWUSER);
  if (!strcmp(c, "clone_newuser")) {
    long r = syscall(__NR_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
    if (r == 0) _exit(0);
    if (r > 0) waitpid(r, NULL, 0);
    return r;
  }
  if (!strcmp(c, "mount")) return mount("none", "/arbiter-nonexistent", "tmpfs", 0, NULL);
  if (!strcmp(c, "personality")) return personality(READ_IMPLIES_EXEC);
  if (!strcmp(c, "fork")) {
    pid_t p = fork();
    if (p == 0) _exit(0);
    if (p > 0) waitpid(p, NULL, 0);
    return p;
  }
  errno = EINVAL;
  return -1;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    errno = 0;
    long r = call(argv[i]);
    printf("%s %s\n", argv[i], r >= 0 ? "ok" : strerrorname_np(errno));
  }
  return 0;
}
