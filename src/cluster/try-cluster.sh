#!/usr/bin/env bash
# A cluster on one machine, as docs/clustering.md describes it: a redis-server, three Holdfast
# instances on jetty-home (the launch contract's flags plus holdfast.redis.uri) and haproxy in
# front. Three clients hold a stream through haproxy, which spreads them over the instances; one
# item is published to instance 1 alone, and every client prints it. Everything listens on
# 127.0.0.1 and is stopped on exit.
#
#   src/cluster/try-cluster.sh          # builds what it needs (mvn -DskipTests verify) on first use
set -euo pipefail
cd "$(dirname "$0")/../.."

need() { command -v "$1" >/dev/null || { echo "needs $1 (apt-get install -y $2)" >&2; exit 1; }; }
need redis-server redis-server
need haproxy haproxy
need curl curl
if [ ! -f target/jetty-base/webapps/holdfast.war ] || ! ls -d target/containers/jetty-home-* >/dev/null 2>&1; then
  echo "== building the WAR, target/jetty-base and jetty-home (mvn -DskipTests verify)"
  mvn -B -q -ntp -DskipTests verify
fi
jetty_home=$(ls -d target/containers/jetty-home-* | head -1)

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
until_ok() { # until_ok SECONDS CMD...: retries CMD until it succeeds
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "timed out waiting for: $*" >&2; exit 1; }
    sleep 0.2
  done
}

redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
until_ok 10 redis-cli -p "$redis_port" ping
echo "== redis-server on 127.0.0.1:$redis_port"

http=(); control=()
for i in 1 2 3; do
  http[$i]=$(free_port); control[$i]=$(free_port)
  cp -r target/jetty-base "$work/instance-$i"
  # -Dholdfast.zmq.sub= turns the SUB input off: only Pushpin's default port would collide.
  (cd "$work/instance-$i" && exec java -jar "$OLDPWD/$jetty_home/start.jar" jetty.base="$work/instance-$i" \
      -Dholdfast.http.port="${http[$i]}" -Dholdfast.control.port="${control[$i]}" \
      -Dholdfast.zmq.pull="tcp://127.0.0.1:$(free_port)" -Dholdfast.zmq.sub= \
      -Dholdfast.redis.uri="redis://127.0.0.1:$redis_port" >"$work/instance-$i.log" 2>&1) &
  pids+=($!)
done
for i in 1 2 3; do
  until_ok 60 sh -c "curl -sf 127.0.0.1:${control[$i]}/health | grep -q ' UP'"
  echo "== instance $i: clients on :${http[$i]}, publish API on :${control[$i]}; $(curl -s 127.0.0.1:${control[$i]}/health | tail -1)"
done

front=$(free_port)
cat >"$work/haproxy.cfg" <<CFG
defaults
  mode http
  timeout connect 5s
  timeout client 1h
  timeout server 1h
frontend clients
  bind 127.0.0.1:$front
  default_backend holdfast
backend holdfast
  balance roundrobin
  server instance-1 127.0.0.1:${http[1]}
  server instance-2 127.0.0.1:${http[2]}
  server instance-3 127.0.0.1:${http[3]}
CFG
haproxy -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
until_ok 10 curl -s -o /dev/null --max-time 1 "127.0.0.1:$front/"
echo "== haproxy on 127.0.0.1:$front, round robin over the three"

for c in 1 2 3; do
  curl -sN "127.0.0.1:$front/stream?channel=demo" >"$work/client-$c.out" &
  pids+=($!)
done
# Each instance reports its held streams in /metrics: wait until the three are spread over them.
held() { curl -s "127.0.0.1:${control[$1]}/metrics" | sed -n 's/^holdfast_connections{transport="http"} //p'; }
three_held() { [ $(( $(held 1) + $(held 2) + $(held 3) )) -eq 3 ]; }
until_ok 10 three_held
echo "== three clients hold /stream?channel=demo through haproxy: $(held 1), $(held 2) and $(held 3) on instances 1, 2 and 3"

echo "== publishing to instance 1 only (127.0.0.1:${control[1]}/publish/)"
curl -s -d '{"items":[{"channel":"demo","formats":{"http-stream":{"content":"hello from instance 1\n"}}}]}' \
  "127.0.0.1:${control[1]}/publish/"
until_ok 10 sh -c "grep -q hello '$work/client-1.out' && grep -q hello '$work/client-2.out' && grep -q hello '$work/client-3.out'"
for c in 1 2 3; do
  echo "-- client $c received:"
  sed 's/^/   /' "$work/client-$c.out"
done
echo "== every client got the item once, wherever haproxy put it"
