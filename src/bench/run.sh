#!/usr/bin/env bash
# Holdfast's benchmark (issue 6), one command: builds the WAR, target/jetty-base, the load generator
# and the origin (mvn -Pbench, tests skipped), then runs every scenario against every target that
# can run here, each proxy pinned to one core and the load generator (with its origin) to the
# other, and prints the table with Holdfast/Pushpin ratios (and every other target's ratio to
# Pushpin). The targets, by default all of them, a missing one skipped with the reason:
#   holdfast        target/jetty-base on jetty-home with the JVM flags jetty-base ships (30-jvm.ini)
#   holdfast-tuned  the same with the benchmark's flags for one core (--holdfast-jvm)
#   jetty           bare Jetty, the container without Holdfast's code (10k fan-out, publish, pass-through)
#   pushpin         Pushpin, when installed
#   nchan           nginx + nchan, one worker (apt-get install -y nginx libnginx-mod-nchan)
#   nginx           plain nginx, one worker, proxy_pass with upstream keepalive (pass-through only)
#   jettyrun        mvn jetty:run in a copy of this checkout, as a newcomer starts Holdfast
#   tomcat          the WAR on Tomcat 11 (unpacked from Maven Central under target/containers if missing)
#   holdfast-redis  only when named (issue 17): a redis-server it starts on a free port and two holdfast
#                   instances sharing it (holdfast.redis.uri), all three on the proxy core; publishes go
#                   to instance A. Next to holdfast, the table adds Redis/Holdfast with issue 17's targets
# The cold scenario starts a fresh instance per run and measures its first seconds. Holdfast's own
# scenarios run only when named, and only on Holdfast's targets: redis-fanout (1,000 streams on one
# channel, split over holdfast-redis's two instances; latency publish to client) and catchup (1,000
# streams catching up 99 items from history with prev-id), e.g.
#   src/bench/run.sh --targets=holdfast,holdfast-redis --scenarios=publish,redis-fanout,catchup --runs=2 --warm=10 --baseline=DIR
# also runs the build of another checkout DIR (e.g. a git worktree at an older commit, built there
# with mvn -Pbench -Dmaven.test.skip=true package) the same way as holdfast, as the target
# baseline, and adds a Holdfast/baseline column.
#   src/bench/run.sh [--quick] [--runs=3] [--scenarios=...] [--targets=holdfast,nchan,...] [--baseline=DIR] [--jfr] [--help]
# Uses ports 26000-26309 (--port-base; holdfast-redis's Redis a free one) and /tmp/bench-work (--work). Needs 2 cores, Java 17, Maven,
# taskset; wrk (apt-get install wrk) for the pass-through scenario, else built-in clients are used.
set -euo pipefail
cd "$(dirname "$0")/../.."
load_core=1
for arg in "$@"; do
  case $arg in --load-core=*) load_core=${arg#--load-core=} ;; esac
done
mvn -B -q -ntp -Dstyle.color=never -Pbench -Dmaven.test.skip=true package
# The load generator holds up to 19,000 client sockets: a small heap is plenty, SerialGC keeps its
# one core for the work, and its hot path allocates next to nothing.
exec taskset -c "$load_core" java -XX:+UseSerialGC -Xms256m -Xmx1g ${BENCH_JAVA_OPTS:-} -cp target/bench-classes io.holdfast.bench.Bench "$@"
