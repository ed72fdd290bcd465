#!/usr/bin/env bash
# Installs the host packages the tests and the code sandbox need, when they are missing, and
# starts a Docker engine when none runs (the container tests: ComposeStackIT, DockerSandboxIT,
# PodDefaultsSandboxIT), with local stand-in base images where Docker Hub is out of reach.
# Debian/Ubuntu only; needs root (or sudo). Safe to run again.
set -euo pipefail

need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
# code-sandbox: setpriv drops root to the per-slot uids; its tests run Python, C++, JavaScript and
# Bash programs (Java comes with the JDK; Go and Rust are optional and reported by /v1/languages).
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v node >/dev/null 2>&1 || need+=(nodejs)
# The container tests: Debian's Docker engine (20.10) and mmdebstrap for the stand-in base images.
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v mmdebstrap >/dev/null 2>&1 || need+=(mmdebstrap)

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]}"
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: missing ${need[*]} and no apt-get here; install them with your package manager" >&2
  fi
fi

# A Docker engine: the running one, else systemd's, else dockerd started here. In a container
# (the CI machine kind) there is no systemd and no room for bridge networks or iptables: the engine
# runs with host networking only (the tests use --network host / none) and the vfs storage driver
# (no overlayfs on overlayfs). ARBITER_DOCKERD_ARGS overrides those flags.
engine_up() { $SUDO docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
if command -v dockerd >/dev/null 2>&1 && ! engine_up; then
  if [ -d /run/systemd/system ]; then
    $SUDO systemctl start docker || true
  fi
  if ! engine_up; then
    echo "setup: starting dockerd (log: /var/log/arbiter-dockerd.log)"
    # shellcheck disable=SC2086
    $SUDO sh -c "nohup dockerd ${ARBITER_DOCKERD_ARGS:---iptables=false --bridge=none --storage-driver=vfs} \
      >/var/log/arbiter-dockerd.log 2>&1 &"
    for _ in $(seq 1 60); do engine_up && break; sleep 0.5; done
    engine_up || { echo "setup: dockerd did not start; see /var/log/arbiter-dockerd.log" >&2; exit 1; }
  fi
fi

# Base images for the container tests: the Temurin images where a registry answers, else local
# stand-ins from Debian's archive (scripts/build-base-images.sh; skipped when they exist).
if engine_up && command -v mmdebstrap >/dev/null 2>&1; then
  if ! $SUDO docker image inspect eclipse-temurin:17-jre >/dev/null 2>&1 \
     && ! $SUDO docker pull -q eclipse-temurin:17-jre >/dev/null 2>&1; then
    $SUDO "$(dirname "$0")/build-base-images.sh"
  fi
fi
