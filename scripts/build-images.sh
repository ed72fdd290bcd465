#!/usr/bin/env bash
# Builds every service image docker-compose.yml defines (its own build args, its image tags) with
# BuildKit, and prints each step's time and each image's size:
#   scripts/build-images.sh               the Dockerfile's default target (app): the reactor is
#                                         compiled once, in the shared "source" stage (during the
#                                         first image's build), and each image copies its jar from it
#   scripts/build-images.sh --fresh       the same with the source stage rebuilt: what a source
#                                         change costs. BuildKit's Maven cache mount is kept, so
#                                         after one run this is the time "from a warm Maven cache"
#                                         (the first run ever downloads every dependency).
#   scripts/build-images.sh --host-jars   --target host-jars from the jars ./mvnw package built here
#   scripts/build-images.sh ... SERVICE.. only these services
# Base images: ARBITER_JDK_IMAGE / ARBITER_JRE_IMAGE, else the local stand-ins of
# scripts/build-base-images.sh when present, else the Dockerfile's defaults (Temurin, Docker Hub).
# Needs a Docker engine with BuildKit (a 20.10 CLI, or a newer one with buildx) and python3 with PyYAML
# (to read docker-compose.yml without Compose).
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=app
FRESH=0
SERVICES=()
for a in "$@"; do
  case "$a" in
    --fresh) FRESH=1 ;;
    --host-jars) MODE=host-jars ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) SERVICES+=("$a") ;;
  esac
done
export DOCKER_BUILDKIT=1
# A CLI that builds with BuildKit: one with the buildx plugin, or a 20.10 one (BuildKit built in;
# Debian's docker.io at /usr/bin/docker) where a newer CLI without buildx comes first on PATH.
docker() {
  if [ -z "${DOCKER_CLI:-}" ]; then
    DOCKER_CLI=docker
    if ! command docker buildx version >/dev/null 2>&1 && [ -x /usr/bin/docker ]; then
      DOCKER_CLI=/usr/bin/docker
    fi
  fi
  command "$DOCKER_CLI" "$@"
}

base() {
  local kind="$1" var="$2"
  if [ -n "${!var:-}" ]; then echo "${!var}";
  elif docker image inspect "arbiter-base/$kind:17" >/dev/null 2>&1; then echo "arbiter-base/$kind:17";
  else echo "eclipse-temurin:17-$kind"; fi
}
export ARBITER_JDK_IMAGE ARBITER_JRE_IMAGE
ARBITER_JDK_IMAGE="$(base jdk ARBITER_JDK_IMAGE)"
ARBITER_JRE_IMAGE="$(base jre ARBITER_JRE_IMAGE)"

# One tab-separated line per own service: name, image, then KEY=VALUE build args (compose's ${VAR:-default}
# interpolated from this environment).
plan() {
  python3 - "$@" <<'PY'
import os, re, sys, yaml
compose = yaml.safe_load(open("docker-compose.yml"))
wanted = set(sys.argv[1:])
var = re.compile(r"\$\{([A-Z0-9_]+)(?::-([^}]*))?\}")
for name, s in compose["services"].items():
    if "build" not in s or (wanted and name not in wanted):
        continue
    args = {k: var.sub(lambda m: os.environ.get(m.group(1)) or (m.group(2) or ""), str(v))
            for k, v in (s["build"].get("args") or {}).items()}
    print("\t".join([name, s["image"], *(f"{k}={v}" for k, v in args.items())]))
PY
}

size() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1/1e6}'; }

echo "bases: JDK_IMAGE=$ARBITER_JDK_IMAGE JRE_IMAGE=$ARBITER_JRE_IMAGE; mode: $MODE$([ $FRESH = 1 ] && echo ', fresh source stage'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
TOTAL_START=$SECONDS

# --fresh: a MAVEN_ARGS no earlier build used changes the source stage's cache key, so the first
# image's build recompiles the reactor and every later one reuses that stage (a --no-cache on each
# build would recompile it for every image). Its time is in the first image's line.
extra=()
[ "$FRESH" = 1 ] && extra=(--build-arg "MAVEN_ARGS=-Darbiter.fresh-build=$(date +%s)")

while IFS=$'\t' read -r -a fields; do
  name="${fields[0]}" image="${fields[1]}"
  build_args=()
  module="" artifact=""
  for kv in "${fields[@]:2}"; do
    build_args+=(--build-arg "$kv")
    case "$kv" in MODULE=*) module="${kv#MODULE=}" ;; ARTIFACT=*) artifact="${kv#ARTIFACT=}" ;; esac
  done
  # code-sandbox runs on the JDK base (RUNTIME_IMAGE); the others on the JRE.
  context=.
  if [ "$MODE" = host-jars ]; then
    # A context of the Dockerfile, the jar and its lib/ only (.dockerignore keeps target/ out of
    # the repository's own context).
    [ -f "$module/target/$artifact.jar" ] || { echo "$module/target/$artifact.jar missing: ./mvnw -pl $module -am package" >&2; exit 1; }
    context=$(mktemp -d)
    mkdir -p "$context/$module/target"
    cp Dockerfile "$context/"
    cp -al "$module/target/$artifact.jar" "$module/target/lib" "$context/$module/target/" 2>/dev/null \
      || cp -a "$module/target/$artifact.jar" "$module/target/lib" "$context/$module/target/"
  fi
  start=$SECONDS
  log="/tmp/arbiter-build-$name.log"
  docker build --network host --target "$MODE" "${build_args[@]}" "${extra[@]}" -t "$image" "$context" >"$log" 2>&1 \
    || { tail -50 "$log"; exit 1; }
  printf '%-16s %5d s  %s\n' "$name" $((SECONDS - start)) "$(size "$image")"
  [ "$context" = . ] || rm -rf "$context"
done < <(plan "${SERVICES[@]}")

echo "all: $((SECONDS - TOTAL_START)) s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
