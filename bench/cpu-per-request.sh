#!/usr/bin/env bash
# The CPU time a server spends per request (user + system from /proc/PID/stat, over a wrk run of
# 8 clients), a figure that holds on a loaded machine where throughput does not.
# Usage: bench/cpu-per-request.sh PID URL [SECONDS]   prints: requests req/s p99 cpu-ms-per-request
set -euo pipefail
pid="$1" url="$2" seconds="${3:-5}"
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
out=$(wrk -t2 -c8 -d"${seconds}s" --latency "$url" 2>/dev/null)
after=$(ticks)
echo "$out" | awk -v cpu="$(( (after - before) * 1000 / $(getconf CLK_TCK) ))" '
  / requests in / {n = $1}
  /Requests\/sec/ {rps = $2}
  /^ +99%/ {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; p99 = v}
  END {printf "requests=%d req/s=%d p99_ms=%.2f cpu_ms_per_request=%.3f\n", n, rps, p99, (n > 0 ? cpu / n : 0)}'
