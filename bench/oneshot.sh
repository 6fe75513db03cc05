#!/usr/bin/env bash
# One-shot command speed and LocalDB Studio memory, measured in one run.
#  - median wall time of `localdb ports` and of a `localdb start`/`localdb stop` pair over N runs,
#    through ./localdb (extracted jar + CDS/AOT cache) and as a plain `java -jar`, next to a bare
#    `java -version`;
#  - resident (RSS) and proportional (PSS) memory of 10 LocalDB Studio servers.
# Uses a throw-away LOCALDB_HOME and ports 23000-23099, never the default ranges.
# Usage: bench/oneshot.sh [RUNS]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export LOCALDB_HOME="$(mktemp -d)"
export LOCALDB_PORTS_DEFAULTRANGE=23000-23049 LOCALDB_PORTS_FALLBACKRANGE=23050-23079 LOCALDB_PORTS_EXTENDEDRANGE=23080-23099
trap 'for p in $(seq 1 10); do ./localdb stop "studio-$p" >/dev/null 2>&1 || true; done; rm -rf "$LOCALDB_HOME"' EXIT

./localdb ports >/dev/null   # builds and prepares the fast start-up once, outside the timings

ms() { local start; start=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - start) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
pair() { local a b; a=$(ms ./localdb start bench --no-browser); b=$(ms ./localdb stop bench); echo $((a + b)); }
plain_pair() { local a b; a=$(ms "$java" -jar target/localdb.jar start bench --no-browser); b=$(ms "$java" -jar target/localdb.jar stop bench); echo $((a + b)); }

jv=$(for _ in $(seq "$runs"); do ms "$java" -version; done | median)
fast_ports=$(for _ in $(seq "$runs"); do ms ./localdb ports; done | median)
plain_ports=$(for _ in $(seq "$runs"); do ms "$java" -jar target/localdb.jar ports; done | median)
fast_pair=$(for _ in $(seq "$runs"); do pair; done | median)
plain_pair_ms=$(for _ in $(seq "$runs"); do plain_pair; done | median)

echo "Java: $("$java" -version 2>&1 | head -n 1); $(nproc) cores; $runs runs each; medians in ms"
echo
echo "| command | ./localdb (fast start-up) | java -jar target/localdb.jar |"
echo "|---|---|---|"
echo "| java -version (bare JVM) | $jv | $jv |"
echo "| localdb ports | $fast_ports | $plain_ports |"
echo "| localdb start + stop | $fast_pair | $plain_pair_ms |"
echo

for p in $(seq 1 10); do ./localdb start "studio-$p" --no-browser >/dev/null; done
sleep 1
rss=(); pss=()
for p in $(seq 1 10); do
  pid=$(sed -n 's/.*"pid" : \([0-9]*\).*/\1/p' "$LOCALDB_HOME/runtime/studio-$p/.studio/server.json")
  port=$(./localdb port "studio-$p")
  curl -s "http://127.0.0.1:$port/" >/dev/null || true
  rss+=("$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")")
  pss+=("$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")")
done
rss_median=$(printf '%s\n' "${rss[@]}" | median)
pss_median=$(printf '%s\n' "${pss[@]}" | median)
echo "| LocalDB Studio, 10 running | median per server |"
echo "|---|---|"
echo "| resident (RSS) | $((rss_median / 1024)) MB |"
echo "| proportional (PSS: shared pages split between the 10) | $((pss_median / 1024)) MB |"
