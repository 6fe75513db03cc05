#!/usr/bin/env bash
# Port finder benchmark: median find+reserve time with 0, 100 and 1000 ports of the default range
# held by foreign listeners, next to a naive bind scan. Prints a Markdown table.
# Usage: bench/finder.sh [DEFAULT-RANGE FALLBACK-RANGE EXTENDED-RANGE]   (default 3000-3999 ...)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
ulimit -n 4096 2>/dev/null || true
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.localdb.bench.FinderBenchmark "$@"
