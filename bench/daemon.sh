#!/usr/bin/env bash
# The daemon's speed and memory, measured in one run, next to a bare JVM and (where Node is present)
# the get-port CLI. Medians of RUNS (default 15). Uses a throw-away LOCALDB_HOME, ports 23000-23299
# and web port 23999, never the default ranges; stops every server and the daemon it started.
#   - cold first command (the daemon starts), then ./localdb ports and ./localdb port NAME warm;
#   - start of LocalDB Studio until it accepts connections, and stop;
#   - GET /actuator/ports with 100 allocations, 8 clients (req/s, p50, p99);
#   - the daemon's resident memory with 200 allocations after 1000 requests.
# Usage: bench/daemon.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export LOCALDB_HOME="$(mktemp -d)"
export LOCALDB_PORTS_DEFAULTRANGE=23000-23099 LOCALDB_PORTS_FALLBACKRANGE=23100-23199 LOCALDB_PORTS_EXTENDEDRANGE=23200-23299
export SERVER_PORT=23999
sleep 3600 & holder=$!   # the "server" of the benchmark's filler allocations
cleanup() {
  kill "$holder" 2>/dev/null || true
  for p in $(seq 1 "$runs"); do ./localdb --no-daemon stop "s$p" >/dev/null 2>&1 || true; done
  ./localdb daemon stop >/dev/null 2>&1 || true
  rm -rf "$LOCALDB_HOME"
}
trap cleanup EXIT

./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
./localdb --no-daemon ports >/dev/null   # builds and prepares the fast start-up, outside the timings

ms() { local start; start=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - start) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
times() { local i; for i in $(seq 1 "$runs"); do ms "$@"; done | median; }

cold=$(ms ./localdb ports)
hello=$(times "$java" -Xshare:auto -cp target/test-classes dev.localdb.bench.Hello)
ports=$(times ./localdb ports)
./localdb start bench --no-browser >/dev/null
port=$(times ./localdb port bench)
./localdb stop bench >/dev/null
starts=(); stops=()
for i in $(seq 1 "$runs"); do
  starts+=("$(ms ./localdb start "s$i" --no-browser)")
done
for i in $(seq 1 "$runs"); do
  stops+=("$(ms ./localdb stop "s$i")")
done
start_median=$(printf '%s\n' "${starts[@]}" | median)
stop_median=$(printf '%s\n' "${stops[@]}" | median)

getport="(Node or get-port-cli not available)"
if command -v node >/dev/null 2>&1; then
  npm_dir="$(mktemp -d)"
  if npm install --silent --prefix "$npm_dir" get-port-cli >/dev/null 2>&1; then
    getport="$(times node "$npm_dir/node_modules/.bin/get-port") ms"
  fi
  rm -rf "$npm_dir"
fi

# 100 allocations for the actuator, 200 for the memory figure, all held by one live process
"$java" -cp "$cp" dev.localdb.bench.FillRegistry "$LOCALDB_HOME" 100 "$holder"
./localdb ports >/dev/null
load=$("$java" -cp "$cp" dev.localdb.bench.HttpLoad "http://127.0.0.1:$SERVER_PORT/actuator/ports" 8 5000)
"$java" -cp "$cp" dev.localdb.bench.FillRegistry "$LOCALDB_HOME" 200 "$holder"
"$java" -cp "$cp" dev.localdb.bench.HttpLoad "http://127.0.0.1:$SERVER_PORT/actuator/ports" 8 1000 >/dev/null
daemon_pid=$(sed -n 's/^pid=//p' "$LOCALDB_HOME/runtime/daemon.properties")
rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$daemon_pid/status")

echo "LocalDB daemon benchmark: medians of $runs runs, one run, $(nproc) cores"
echo
echo "| what | LocalDB | reference |"
echo "|---|---|---|"
echo "| first command on a cold machine (daemon auto-start) | $cold ms | |"
echo "| ./localdb ports (warm daemon) | $ports ms | java Hello $hello ms; get-port $getport |"
echo "| ./localdb port NAME (warm daemon) | $port ms | java Hello $hello ms |"
echo "| start LocalDB Studio until it accepts | $start_median ms | |"
echo "| stop | $stop_median ms | |"
echo "| GET /actuator/ports, 100 allocations, 8 clients | $load | |"
echo "| daemon RSS, 200 allocations, after 1000 requests | $rss MB | |"
