#!/usr/bin/env bash
# Issue 14's soak, not run in CI (it takes minutes): Holdfast on jetty-home with the JVM flags
# jetty-base ships, 20 rounds of 5,000 streams opened and dropped abruptly (RST) with nothing
# published; after each round it prints the proxy's descriptors and RSS, which must come back to
# the baseline and stay flat from round to round. A thin wrapper over the benchmark's soak scenario:
#   src/bench/soak.sh [--quick] [--work=/tmp/bench-work] [--port-base=26000]
exec "$(dirname "$0")/run.sh" --targets=holdfast --scenarios=soak "$@"
