#!/bin/bash
# What the hardened file-system view costs bubblewrap (not a test): /usr/bin/true started N times
# under the view main used (all of /usr, plain /proc, the box bound) and under this module's view
# (toolchain paths for a Python run, masked /proc, the box copied in with --file), interleaved run
# by run, as root or any user. No seccomp, uid drop or cgroup in either arm: only the mounts differ.
# The "new" arguments mirror BubblewrapSandbox.command() for `python3 /box/main.py`; keep in step.
#   verifiers/code-sandbox/bench/mount-view.sh [runs]
set -euo pipefail
runs=${1:-100}
box=$(mktemp -d)
echo 'print(1)' > "$box/main.py"
trap 'rm -rf "$box"' EXIT
common=(--unshare-user --unshare-pid --unshare-net --unshare-ipc --unshare-uts --unshare-cgroup-try
  --disable-userns --die-with-parent --new-session --as-pid-1)
old=("${common[@]}" --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/sbin /sbin
  --symlink usr/lib /lib --symlink usr/lib64 /lib64 --ro-bind-try /etc/ld.so.cache /etc/ld.so.cache
  --ro-bind-try /etc/alternatives /etc/alternatives --proc /proc --dev /dev
  --size 16777216 --tmpfs /dev/shm --remount-ro /dev --size 16777216 --tmpfs /tmp
  --ro-bind "$box" /box --remount-ro / --clearenv)
new=("${common[@]}")
for p in /usr/bin /usr/lib/*-linux-gnu* /usr/lib64 /usr/share/zoneinfo /usr/lib/python3*; do
  [ -d "$p" ] && new+=(--ro-bind "$p" "$p")
done
new+=(--symlink usr/bin /bin --symlink usr/lib /lib --symlink usr/lib64 /lib64
  --ro-bind-try /etc/ld.so.cache /etc/ld.so.cache --ro-bind-try /etc/alternatives /etc/alternatives
  --proc /proc)
for f in kallsyms kcore config.gz cmdline modules keys key-users sched_debug timer_list kmsg \
    kpagecount kpageflags kpagecgroup vmallocinfo iomem ioports slabinfo latency_stats version; do
  [ -e "/proc/$f" ] && [ -n "$(find "/proc/$f" -maxdepth 0 -perm -o=r)" ] \
    && new+=(--dev-bind /dev/null "/proc/$f")
done
for d in sys/kernel acpi scsi driver fs bus; do
  [ -d "/proc/$d" ] && new+=(--size 4096 --tmpfs "/proc/$d" --remount-ro "/proc/$d")
done
new+=(--dev /dev --size 16777216 --tmpfs /dev/shm --remount-ro /dev --size 16777216 --tmpfs /tmp
  --perms 0755 --dir /box --perms 0444 --file 5 /box/main.py --remount-ro / --clearenv)
a=(); b=()
for _ in $(seq 1 "$runs"); do
  t0=$(date +%s%N); bwrap "${old[@]}" /usr/bin/true; t1=$(date +%s%N)
  bwrap "${new[@]}" /usr/bin/true 5<"$box/main.py"; t2=$(date +%s%N)
  a+=($(((t1 - t0) / 1000))); b+=($(((t2 - t1) / 1000)))
done
p50() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int(NR/2)+1]}'; }
echo "runs $runs, load $(cut -d' ' -f1-3 /proc/loadavg), mounts: old ${#old[@]} args, new ${#new[@]} args"
echo "main's view   p50 $(p50 "${a[@]}") us"
echo "hardened view p50 $(p50 "${b[@]}") us"
awk -v o="$(p50 "${a[@]}")" -v n="$(p50 "${b[@]}")" 'BEGIN {printf "ratio %.3f\n", n / o}'
