#!/usr/bin/env bash
# Record a CPU profile (perf, with V8's JIT symbols) of the mechlab server during the measured load of
# bench/socket-load.ts only, then print where the CPU went (bench/perf-split.ts).
#   bench/perf-record.sh out.data [socket-load arguments, e.g. --participants 1000 --no-baseline]
# Needs `perf` (Debian: linux-perf) and /proc/sys/kernel/perf_event_paranoid <= 1.
set -eu
out=$1; shift
mark=$(mktemp)
cd "$(dirname "$0")/.."
BENCH_NODE_FLAGS="--perf-basic-prof" BENCH_LOAD_MARK=$mark node --import tsx bench/socket-load.ts "$@" > "$out.log" 2>&1 &
bench=$!
until [ "$(cat "$mark")" = "start" ]; do sleep 0.2; done
pid=$(pgrep -f "bench/load-server.ts" | head -1)
perf record -e cpu-clock -g -p "$pid" -o "$out" 2>/dev/null &
rec=$!
until [ "$(cat "$mark")" = "end" ]; do sleep 0.2; done
kill -INT $rec; wait $rec || true
wait $bench
tail -1 "$out.log"
perf script -i "$out" 2>/dev/null | node --import tsx bench/perf-split.ts "$pid"
rm -f "$mark" isolate-*-"$pid"-v8.log
# PERF_KEEP_MAP=1 keeps /tmp/perf-<pid>.map, so `perf script -i out.data` can name V8 frames later
[ "${PERF_KEEP_MAP:-}" = 1 ] || rm -f /tmp/perf-"$pid".map
