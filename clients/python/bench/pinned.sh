#!/usr/bin/env bash
# The client figures with the suite and the client on disjoint CPU cores, as a trainer and a reward
# server on separate machines (see BENCHMARKS.md, "clients/python"): the suite on core 0, the bench
# on core 1, so neither steals the other's core and the coalescing ratio measures the client.
#   clients/python/bench/pinned.sh [RUNS] [bench_client.py args...]
# Needs taskset (util-linux), 2+ cores and a built suite (./mvnw -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-3}
shift || true
port=${ARBITER_BENCH_PORT:-18931}
jar=suite/target/arbiter-suite.jar
[ -f "$jar" ] || { echo "build the suite first: ./mvnw -q -DskipTests package" >&2; exit 2; }
log=$(mktemp)
taskset -c 0 java -jar "$jar" --server.port="$port" >"$log" 2>&1 &
suite=$!
trap 'kill $suite 2>/dev/null; wait $suite 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 $suite 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
echo "suite pid $suite on core 0 (port $port), bench on core 1; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for scorer in classification math; do
  for run in $(seq "$runs"); do
    echo "# $scorer, run $run"
    taskset -c 1 python3 clients/python/bench/bench_client.py --url "http://127.0.0.1:$port" \
      --scorer "$scorer" "$@"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
