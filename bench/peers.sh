#!/usr/bin/env bash
# LocalDB next to the tools a user would use instead, every figure of issue 20 in one run: LocalDB,
# the peer, the ratio, medians of ROUNDS interleaved rounds (default 15), with /proc/loadavg.
#   - the first command with no daemon running      vs pm2's first command (pm2 kill before each round)
#   - warm `localdb ports` and `localdb port NAME`  vs a bare `java Hello` (and the get-port CLI)
#   - GET /actuator/ports, 100 allocations, 8 clients: req/s and p99 vs a 20-line Node server
#     serving the same JSON (bench/ports-server.js), with wrk (the Java HttpLoad when wrk is absent)
#   - the daemon's RSS with 10 running python servers, and after a load burst, vs pm2's daemon with the same 10
#   - `localdb list` at 1000 projects vs at 10
#   - find+reserve with 1000 busy ports: median and p90 of 41 calls (FinderBenchmark)
# Peers (get-port-cli with get-port@7.2.0, pm2@7.0.4) are installed into target/bench-node/ with npm
# when Node is present. Throw-away LOCALDB_HOMEs and PM2_HOME, ports 20000-23999 only (never
# 3000-9999); stops every daemon, server and process it starts.
# Usage: bench/peers.sh [ROUNDS]   (BENCH_WRK_SECONDS: seconds per wrk round, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-15}"
wrk_seconds="${BENCH_WRK_SECONDS:-5}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
here="$(pwd)"
work="$(mktemp -d)"
export LOCALDB_PORTS_DEFAULTRANGE=23000-23099 LOCALDB_PORTS_FALLBACKRANGE=23100-23199 LOCALDB_PORTS_EXTENDEDRANGE=23200-23299
export PM2_HOME="$work/pm2"
homes=()
pids=()

# one home per figure, each with its own daemon and web port (set before the daemon starts)
in_home() { # HOME-NAME WEB-PORT COMMAND...
  local name="$1" port="$2"
  shift 2
  LOCALDB_HOME="$work/$name" SERVER_PORT="$port" "$@"
}
new_home() { mkdir -p "$work/$1"; homes+=("$1"); }
daemon_pid() { sed -n 's/^pid=//p' "$work/$1/runtime/daemon.properties"; }
rss_mb() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

pm2=""
node_dir="$here/target/bench-node"
cleanup() {
  set +e
  [ -n "$pm2" ] && "$pm2" kill >/dev/null 2>&1
  for name in "${homes[@]}"; do
    for dir in "$work/$name"/runtime/*/; do
      [ -d "$dir" ] && LOCALDB_HOME="$work/$name" ./localdb stop "$(basename "$dir")" >/dev/null 2>&1
    done
    LOCALDB_HOME="$work/$name" ./localdb daemon stop >/dev/null 2>&1
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

./mvnw -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
new_home prepare
in_home prepare 23990 ./localdb --no-daemon ports >/dev/null   # builds and prepares the fast start-up, outside the timings

getport="" 
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  if [ ! -x "$node_dir/node_modules/.bin/pm2" ] || [ ! -x "$node_dir/node_modules/.bin/get-port" ]; then
    mkdir -p "$node_dir"
    # get-port-cli's newest release (3.0.0) asks for get-port 6: pinned to the 7.2.0 the issue measured
    echo '{"name":"localdb-bench-peers","private":true,"overrides":{"get-port":"7.2.0"}}' > "$node_dir/package.json"
    npm install --silent --no-audit --no-fund --prefix "$node_dir" get-port-cli@3.0.0 get-port@7.2.0 pm2@7.0.4 >&2 || true
  fi
  [ -x "$node_dir/node_modules/.bin/pm2" ] && pm2="$node_dir/node_modules/.bin/pm2"
  [ -x "$node_dir/node_modules/.bin/get-port" ] && getport="$node_dir/node_modules/.bin/get-port"
fi

ms() { local start; start=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - start) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
row() { # WHAT LOCALDB PEER RATIO TARGET
  printf '| %s | %s | %s | %s | %s |\n' "$@"
}
declare -A figure

echo "LocalDB next to its peers: $rounds interleaved rounds, medians; $(nproc) cores; $("$java" -version 2>&1 | head -n 1)"
echo "load average at the start: $(cut -d ' ' -f 1-3 /proc/loadavg)"

# --- the first command with no daemon running, vs pm2's first command (which spawns its daemon)
new_home main
sleep 3600 & holder=$!; pids+=("$holder")   # the "server" of every filler allocation
"$java" -cp "$cp" dev.localdb.bench.FillRegistry "$work/main" 100 "$holder"
cold=(); pm2_cold=()
for _ in $(seq "$rounds"); do
  in_home main 23999 ./localdb daemon stop >/dev/null 2>&1 || true
  cold+=("$(in_home main 23999 ms ./localdb ports)")
  if [ -n "$pm2" ]; then
    "$pm2" kill >/dev/null 2>&1 || true
    pm2_cold+=("$(ms "$pm2" jlist)")
  fi
done
figure[cold]=$(printf '%s\n' "${cold[@]}" | median)
figure[pm2_cold]=$( [ -n "$pm2" ] && printf '%s\n' "${pm2_cold[@]}" | median || echo "")

# --- warm one-shot commands, vs a bare JVM and the get-port CLI
hello=(); ports=(); port=(); gp=()
for _ in $(seq "$rounds"); do
  hello+=("$(ms "$java" -Xshare:auto -cp target/test-classes dev.localdb.bench.Hello)")
  ports+=("$(in_home main 23999 ms ./localdb ports)")
  port+=("$(in_home main 23999 ms ./localdb port bench-7)")
  [ -n "$getport" ] && gp+=("$(ms node "$getport")")
done
figure[hello]=$(printf '%s\n' "${hello[@]}" | median)
figure[ports]=$(printf '%s\n' "${ports[@]}" | median)
figure[port]=$(printf '%s\n' "${port[@]}" | median)
figure[getport]=$( [ -n "$getport" ] && printf '%s\n' "${gp[@]}" | median || echo "")

# --- GET /actuator/ports with 100 allocations (all checked by the health checker), 8 clients
url="http://127.0.0.1:23999/actuator/ports"
node_url="http://127.0.0.1:23989/actuator/ports"
load() { # URL PID -> "req/s p99_ms cpu_ms_per_request" (the server's CPU time per request holds on a loaded machine)
  if command -v wrk >/dev/null 2>&1; then
    bench/cpu-per-request.sh "$2" "$1" "$wrk_seconds" | sed -E 's/.*req\/s=([0-9]+) p99_ms=([0-9.]+) cpu_ms_per_request=([0-9.]+).*/\1 \2 \3/'
  else
    "$java" -cp "$cp" dev.localdb.bench.HttpLoad "$1" 8 3000 | sed -E 's/.*req\/s=([0-9]+).*p99_ms=([0-9.]+).*/\1 \2 -/'
  fi
}
# the health checker has checked every project once the answer carries a health record for each
for _ in $(seq 60); do
  checked=$(curl -s "$url" | grep -o '"checkedAt"' | wc -l || true)
  [ "$checked" -ge 100 ] && break
  sleep 1
done
curl -s "$url" > "$work/ports.json"
answer_bytes=$(wc -c < "$work/ports.json")
node_server=""
rps=(); p99=(); node_rps=(); node_p99=()
if command -v node >/dev/null 2>&1; then
  node bench/ports-server.js 23989 "$work/ports.json" & node_server=$!; pids+=("$node_server")
  for _ in $(seq 50); do curl -sf "$node_url" >/dev/null && break; sleep 0.1; done
  load "$node_url" "$node_server" >/dev/null   # warm-up, as for the daemon
fi
load "$url" "$(daemon_pid main)" >/dev/null
cpu=(); node_cpu=()
for _ in $(seq "$rounds"); do
  read -r a b c < <(load "$url" "$(daemon_pid main)"); rps+=("$a"); p99+=("$b"); cpu+=("$c")
  if [ -n "$node_server" ]; then
    read -r a b c < <(load "$node_url" "$node_server"); node_rps+=("$a"); node_p99+=("$b"); node_cpu+=("$c")
  fi
done
figure[rps]=$(printf '%s\n' "${rps[@]}" | median)
figure[p99]=$(printf '%s\n' "${p99[@]}" | median)
figure[cpu]=$(printf '%s\n' "${cpu[@]}" | median)
figure[node_cpu]=$( [ -n "$node_server" ] && printf '%s\n' "${node_cpu[@]}" | median || echo "")
figure[node_rps]=$( [ -n "$node_server" ] && printf '%s\n' "${node_rps[@]}" | median || echo "")
figure[node_p99]=$( [ -n "$node_server" ] && printf '%s\n' "${node_p99[@]}" | median || echo "")
[ -n "$node_server" ] && kill "$node_server" 2>/dev/null
in_home main 23999 ./localdb daemon stop >/dev/null 2>&1 || true

# --- list at 1000 projects vs at 10 (two homes, two warm daemons, interleaved)
new_home list10; new_home list1000
"$java" -cp "$cp" dev.localdb.bench.FillRegistry "$work/list10" 10 "$holder"
"$java" -cp "$cp" dev.localdb.bench.FillRegistry "$work/list1000" 1000 "$holder"
in_home list10 23998 ./localdb list >/dev/null; in_home list1000 23997 ./localdb list >/dev/null
list10=(); list1000=()
for _ in $(seq "$rounds"); do
  list10+=("$(in_home list10 23998 ms ./localdb list)")
  list1000+=("$(in_home list1000 23997 ms ./localdb list)")
done
figure[list10]=$(printf '%s\n' "${list10[@]}" | median)
figure[list1000]=$(printf '%s\n' "${list1000[@]}" | median)
in_home list10 23998 ./localdb daemon stop >/dev/null 2>&1 || true
in_home list1000 23997 ./localdb daemon stop >/dev/null 2>&1 || true

# --- daemon memory with the same 10 running python servers, idle and after a load burst
new_home memory
for i in $(seq 0 9); do
  # shellcheck disable=SC2016
  in_home memory 23996 ./localdb start "py$i" --command 'python3 -m http.server $PORT --bind 127.0.0.1' --no-browser >/dev/null
  if [ -n "$pm2" ]; then
    "$pm2" start python3 --name "py$i" -- -m http.server $((23500 + i)) --bind 127.0.0.1 >/dev/null
  fi
done
sleep 5
figure[rss]=$(rss_mb "$(daemon_pid memory)")
figure[pm2_rss]=$( [ -n "$pm2" ] && rss_mb "$(cat "$PM2_HOME/pm2.pid")" || echo "")
"$java" -cp "$cp" dev.localdb.bench.HttpLoad "http://127.0.0.1:23996/actuator/ports" 8 10000 >/dev/null
figure[rss_burst]=$(rss_mb "$(daemon_pid memory)")
sleep 15
figure[rss_after]=$(rss_mb "$(daemon_pid memory)")
for i in $(seq 0 9); do in_home memory 23996 ./localdb stop "py$i" >/dev/null 2>&1 || true; done
[ -n "$pm2" ] && "$pm2" kill >/dev/null 2>&1
in_home memory 23996 ./localdb daemon stop >/dev/null 2>&1 || true

# --- find+reserve with 1000 busy ports (one warm JVM, as in the daemon)
ulimit -n 4096 2>/dev/null || true
finder=$("$java" -cp "$cp" dev.localdb.bench.FinderBenchmark 20000-20999 21000-21999 22000-22999 | grep '^| 1000 |')
figure[find]=$(echo "$finder" | awk -F'|' '{gsub(/ /, "", $3); print $3}')
figure[find90]=$(echo "$finder" | awk -F'|' '{gsub(/ /, "", $4); print $4}')
figure[naive]=$(echo "$finder" | awk -F'|' '{gsub(/ /, "", $5); print $5}')

na() { [ -n "$1" ] && echo "$1 $2" || echo "(Node or the peer not available)"; }
echo "load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
row "figure" "LocalDB" "peer" "LocalDB / peer" "target"
row "---" "---" "---" "---" "---"
row "first command, no daemon running" "${figure[cold]} ms" "$(na "${figure[pm2_cold]}" "ms (pm2 jlist, spawns its daemon)")" \
  "$(ratio "${figure[cold]}" "${figure[pm2_cold]:-0}")" "≤ 2"
row "warm \`localdb ports\`" "${figure[ports]} ms" "${figure[hello]} ms (java Hello); $(na "${figure[getport]}" "ms (get-port CLI)")" \
  "$(ratio "${figure[ports]}" "${figure[hello]}")" "≤ 1.5 (to java Hello)"
row "warm \`localdb port NAME\`" "${figure[port]} ms" "${figure[hello]} ms (java Hello)" \
  "$(ratio "${figure[port]}" "${figure[hello]}")" "≤ 1.5"
row "GET /actuator/ports, 100 allocations ($answer_bytes bytes), 8 clients: req/s" "${figure[rps]}" \
  "$(na "${figure[node_rps]}" "(Node server)")" "$(ratio "${figure[rps]}" "${figure[node_rps]:-0}")" "≥ 0.70"
row "the same: p99" "${figure[p99]} ms" "$(na "${figure[node_p99]}" "ms (Node server)")" \
  "$(ratio "${figure[p99]}" "${figure[node_p99]:-0}")" "≤ 3"
row "the same: server CPU time per request" "${figure[cpu]} ms" "$(na "${figure[node_cpu]}" "ms (Node server)")" \
  "$(ratio "${figure[cpu]}" "${figure[node_cpu]:-0}")" ""
row "daemon RSS, 10 running python servers" "${figure[rss]} MB" "$(na "${figure[pm2_rss]}" "MB (pm2 daemon, same 10)")" \
  "$(ratio "${figure[rss]}" "${figure[pm2_rss]:-0}")" "≤ 2"
row "daemon RSS right after 10 000 requests, and 15 s later" "${figure[rss_burst]} MB, ${figure[rss_after]} MB" "" \
  "$(ratio "${figure[rss_after]}" "${figure[pm2_rss]:-0}")" "given back"
row "\`localdb list\`, 1000 projects vs 10" "${figure[list1000]} ms" "${figure[list10]} ms (10 projects)" \
  "$(ratio "${figure[list1000]}" "${figure[list10]}")" "≤ 1.3"
row "find+reserve, 1000 busy ports (41 calls)" "median ${figure[find]} ms, p90 ${figure[find90]} ms" \
  "${figure[naive]} ms (naive bind scan)" "$(ratio "${figure[find]}" "${figure[naive]}")" "median ≤ 5 ms"
