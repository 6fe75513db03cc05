#!/usr/bin/env bash
# Named URLs: the same small server through its name (the daemon's front, http://bench.localhost:PORT/)
# and directly on its own port, in one run, next to portless@0.15.6's proxy where npm can install it.
# wrk, 8 connections, 2 threads, small responses (a Node server answering "ok", else LocalDB Studio);
# ROUNDS rounds (default 3) of DURATION (default 5s) each, alternating, medians printed. Then the
# daemon's resident memory with 100 allocations after all those proxied requests (at least 10 000).
# Uses a throw-away LOCALDB_HOME, ports 23300-23599 and web port 23998; stops everything it started.
# Usage: bench/proxy.sh [ROUNDS] [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
duration="${2:-5s}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v wrk >/dev/null || { echo "bench/proxy.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
export LOCALDB_HOME="$(mktemp -d)"
export LOCALDB_PORTS_DEFAULTRANGE=23300-23399 LOCALDB_PORTS_FALLBACKRANGE=23400-23499 LOCALDB_PORTS_EXTENDEDRANGE=23500-23599
export SERVER_PORT=23998
portless_port=23997
portless_state="$(mktemp -d)"
portless_pid=""
bench_pid=""
sleep 3600 & holder=$!   # the "server" of the benchmark's filler allocations
cleanup() {
  kill "$holder" 2>/dev/null || true
  [ -n "$portless_pid" ] && kill "$portless_pid" 2>/dev/null || true
  ./localdb stop bench >/dev/null 2>&1 || true
  # and by its pid, should the stop have failed (a rebuild of the jar under way, say)
  [ -n "$bench_pid" ] && kill "$bench_pid" 2>/dev/null || true
  ./localdb daemon stop >/dev/null 2>&1 || true
  rm -rf "$LOCALDB_HOME" "$portless_state" "${portless_npm:-}"
}
trap cleanup EXIT

./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

server="LocalDB Studio"
if command -v node >/dev/null 2>&1; then
  server="Node http"
  ./localdb start bench --no-browser --command \
    "exec node -e \"require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1')\"" >/dev/null
else
  ./localdb start bench --no-browser >/dev/null
fi
port=$(./localdb port bench)
bench_pid=$(grep -o '"pid" *: *[0-9]*' "$LOCALDB_HOME/runtime/bench/.studio/server.json" | grep -o '[0-9]*$' || true)

# one wrk run: "<p50 in ms> <requests per second> <requests>"
run() {
  wrk -t2 -c8 -d"$duration" --latency "$@" 2>/dev/null | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 }
    / requests in / { n = $1 }
    END { printf "%.3f %.0f %d\n", p50, rps, n }'
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

portless="(npm could not install portless@0.15.6)"
portless_npm="$(mktemp -d)"
if command -v npm >/dev/null 2>&1 && npm install --silent --prefix "$portless_npm" portless@0.15.6 >/dev/null 2>&1; then
  export PORTLESS_STATE_DIR="$portless_state" PORTLESS_SYNC_HOSTS=0
  # the route first: the proxy reads its routes when it starts
  node "$portless_npm/node_modules/.bin/portless" alias bench "$port" >/dev/null 2>&1 || true
  node "$portless_npm/node_modules/.bin/portless" proxy start --no-tls -p "$portless_port" --foreground >/dev/null 2>&1 &
  portless_pid=$!
  portless="(portless@0.15.6 did not route bench.localhost here)"
  for _ in $(seq 1 100); do
    if [ "$(curl -s -H "Host: bench.localhost:$portless_port" "http://127.0.0.1:$portless_port/")" = "ok" ]; then
      portless=""
      break
    fi
    sleep 0.1
  done
fi

# warm-up: the JIT compiles the front's paths, as in a daemon that has served for a while
run -H "Host: bench.localhost:$SERVER_PORT" "http://127.0.0.1:$SERVER_PORT/" >/dev/null
run "http://127.0.0.1:$port/" >/dev/null
: > "$LOCALDB_HOME/named" ; : > "$LOCALDB_HOME/direct" ; : > "$LOCALDB_HOME/portless"
proxied=0
for _ in $(seq 1 "$rounds"); do
  line=$(run -H "Host: bench.localhost:$SERVER_PORT" "http://127.0.0.1:$SERVER_PORT/")
  echo "$line" >> "$LOCALDB_HOME/named"
  proxied=$((proxied + $(echo "$line" | cut -d' ' -f3)))
  run "http://127.0.0.1:$port/" >> "$LOCALDB_HOME/direct"
  if [ -z "$portless" ]; then
    run -H "Host: bench.localhost:$portless_port" "http://127.0.0.1:$portless_port/" >> "$LOCALDB_HOME/portless"
  fi
done
p50() { cut -d' ' -f1 "$LOCALDB_HOME/$1" | median; }
rps() { cut -d' ' -f2 "$LOCALDB_HOME/$1" | median; }

# 100 allocations, then 10 000 more proxied requests, then the daemon's resident memory
"$java" -cp "$cp" dev.localdb.bench.FillRegistry "$LOCALDB_HOME" 100 "$holder"
./localdb ports >/dev/null
wrk -t2 -c8 -d3s -H "Host: bench.localhost:$SERVER_PORT" "http://127.0.0.1:$SERVER_PORT/" >/dev/null 2>&1
daemon_pid=$(sed -n 's/^pid=//p' "$LOCALDB_HOME/runtime/daemon.properties")
rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$daemon_pid/status")

named_p50=$(p50 named); direct_p50=$(p50 direct)
named_rps=$(rps named); direct_rps=$(rps direct)
echo "Named URLs benchmark: $server server, wrk 2 threads 8 connections, medians of $rounds rounds of $duration, $(nproc) cores"
echo
echo "| what | p50 | requests/s | vs direct |"
echo "|---|---|---|---|"
echo "| direct, http://127.0.0.1:$port/ | $direct_p50 ms | $direct_rps | |"
awk -v a="$named_p50" -v b="$direct_p50" -v r="$named_rps" -v d="$direct_rps" -v u="http://bench.localhost:$SERVER_PORT/" \
  'BEGIN { printf "| LocalDB name, %s | %s ms | %s | p50 +%.3f ms, throughput %d %% |\n", u, a, r, a - b, 100 * r / d }'
if [ -z "$portless" ]; then
  awk -v a="$(p50 portless)" -v b="$direct_p50" -v r="$(rps portless)" -v d="$direct_rps" -v u="http://bench.localhost:$portless_port/" \
    'BEGIN { printf "| portless@0.15.6 (--no-tls), %s | %s ms | %s | p50 +%.3f ms, throughput %d %% |\n", u, a, r, a - b, 100 * r / d }'
else
  echo "| portless@0.15.6 | $portless | | |"
fi
echo "| daemon RSS, 100 allocations, after $proxied+ proxied requests | $rss MB | | |"
