#!/usr/bin/env bash
# Per-request cost of a proxy that is already running (issue 16): CPU time, context switches and
# page faults from `perf stat`, then system calls from `strace -c -f`, per pass-through request
# of a wrk run (one thread, 50 connections, 10 s each) pinned to the load core.
#   src/bench/cost.sh LABEL URL PID[,PID...] [LOAD_CORE]
# e.g. for Holdfast on jetty-home and nginx (one worker) in front of the same origin:
#   src/bench/cost.sh holdfast http://127.0.0.1:7999/x "$(pgrep -f start.jar)"
#   src/bench/cost.sh nginx http://127.0.0.1:8080/x "$(pgrep -f 'nginx: worker' | paste -sd,)"
# With COST_LOAD=holds the load is hold set-ups instead (HoldLoad from target/bench-classes, built by
# mvn -Pbench package: 100 in flight, each closed once the stream's first line arrived), per hold,
# its teardown included; the URL is a stream route of the benchmark's origin:
#   COST_LOAD=holds src/bench/cost.sh holdfast 'http://127.0.0.1:7999/stream?ch=a' "$(pgrep -f start.jar)"
# With COST_LOAD=fanout it is a fan-out's CPU per delivery instead: COST_STREAMS streams (10,000) held
# on the URL's channel (its ch=), then 40 one-item publishes 0.25 s apart to COST_PUBLISH to warm up
# and 40 measured (perf stat only; no strace):
#   COST_LOAD=fanout COST_PUBLISH=http://127.0.0.1:5561/publish/ src/bench/cost.sh holdfast 'http://127.0.0.1:7999/stream?ch=a' PID
# Warm the proxy first (a JVM on one core compiles for about half a minute). strace slows the
# proxy down several times over: its counts are per request, its rate is not the proxy's.
# Needs perf, strace and wrk (apt-get install linux-perf strace wrk).
set -euo pipefail
label=$1 url=$2 pids=$3 core=${4:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench_classes=$(cd "$(dirname "$0")/../.." && pwd)/target/bench-classes

# SECONDS of load on the load core, reported in wrk's words ("N requests in", "Requests/sec").
load() {
  if [ "${COST_LOAD:-passthrough}" = holds ]; then
    taskset -c "$core" java -cp "$bench_classes" io.holdfast.bench.HoldLoad "$url" "$1"
  else
    taskset -c "$core" wrk -t1 -c50 -d"$1"s "$url"
  fi
}

# 0.25 s apart, so that each fan-out is done before the next: N one-item publishes to $channel.
publish() {
  for i in $(seq "$1"); do
    curl -s -o /dev/null -X POST "$COST_PUBLISH" -H 'Content-Type: application/json' -d \
      "{\"items\":[{\"channel\":\"$channel\",\"formats\":{\"http-stream\":{\"content\":\"item $i 0123456789012345678901234567890123456789\\n\"}}}]}"
    sleep 0.25
  done
}

if [ "${COST_LOAD:-}" = fanout ]; then
  : "${COST_PUBLISH:?COST_PUBLISH=http://HOST:CONTROL_PORT/publish/ is needed}"
  streams=${COST_STREAMS:-10000}
  channel=$(sed -n 's/.*[?&]ch=\([^&]*\).*/\1/p' <<< "$url")
  taskset -c "$core" java -cp "$bench_classes" io.holdfast.bench.HoldLoad "$url" 600 hold "$streams" > "$work/held" &
  holder=$!
  trap 'kill $holder 2> /dev/null; rm -rf "$work"' EXIT
  until grep -q held "$work/held"; do sleep 0.5; done
  export COST_PUBLISH channel
  taskset -c "$core" bash -c "$(declare -f publish); publish 40"
  perf stat -x, -e task-clock,context-switches -p "$pids" -- taskset -c "$core" bash -c "$(declare -f publish); publish 40" 2> "$work/stat"
  awk -F, -v n=$((40 * streams)) -v label="$label" '
    $3 == "task-clock" { cpu = $1 * 1000 / n }
    $3 == "context-switches" { cs = $1 / n }
    END { printf "%s: %.1f us CPU, %.3f context switches per delivery (%d deliveries)\n", label, cpu, cs, n }
  ' "$work/stat"
  exit 0
fi

load 12 > "$work/wrk" &
sleep 1
perf stat -x, -e task-clock,context-switches,cpu-migrations,page-faults -p "$pids" -- sleep 10 2> "$work/stat"
wait
rate=$(awk '/Requests\/sec/{print $2}' "$work/wrk")
awk -F, -v rate="$rate" -v label="$label" '
  BEGIN { n = rate * 10 }
  $3 == "task-clock" { cpu = $1 * 1000 / n }
  $3 == "context-switches" { cs = $1 / n }
  $3 == "page-faults" { faults = $1 / n }
  END { printf "%s: %.0f requests/s, %.1f us CPU, %.2f context switches, %.3f page faults per request\n", label, rate, cpu, cs, faults }
' "$work/stat"

attach=()
for pid in ${pids//,/ }; do attach+=(-p "$pid"); done
timeout 20 strace -c -f "${attach[@]}" -o "$work/strace" 2> /dev/null &
sleep 1
requests=$(load 15 | awk '/requests in/{print $1}')
wait || true
# Each syscall's calls column is the 4th field whether or not the errors column is filled in.
awk -v n="$requests" -v label="$label" '
  NR > 2 && $1 ~ /^[0-9.]+$/ && $NF != "total" && $4 / n >= 0.01 { line = line sprintf(" %s %.2f", $NF, $4 / n) }
  END { print label ": system calls per request:" line }
' "$work/strace"
