#!/usr/bin/env bash
# SockJS sessions through Holdfast (mvn jetty:run) and the real Pushpin side by side; see
# side-by-side-sockjs.py. Needs `apt-get install pushpin`. Stops both when done.
set -euo pipefail
cd "$(dirname "$0")/../../.."
pushpin_up=${1:-../shared/tools/pushpin-up.sh}
ws=27100 woh=27101 hf_http=27003 hf_ctl=27004 pp_http=27001 pp_ctl=27002
work=$(mktemp -d /tmp/sockjs-side-by-side.XXXX)
cat > "$work/routes" <<ROUTES
*,path_beg=/woh,sockjs=/woh/sjs 127.0.0.1:$woh,over_http
*,path_beg=/asp,sockjs=/asp/sjs,sockjs_as_path=/other 127.0.0.1:$ws
*,sockjs=/sockjs 127.0.0.1:$ws
ROUTES
pp_pid=$("$pushpin_up" "$work/pushpin" "$work/routes" $pp_http $pp_ctl 27010 27012)
mvn -q -B jetty:run -Dholdfast.http.port=$hf_http -Dholdfast.control.port=$hf_ctl -Dholdfast.routes.file="$work/routes" \
    -Dholdfast.zmq.pull= -Dholdfast.zmq.sub= -Dholdfast.zmq.command= > "$work/holdfast.log" 2>&1 &
hf_pid=$!
trap 'kill $pp_pid $hf_pid 2>/dev/null; true' EXIT
for _ in $(seq 1 120); do
  if (exec 3<>/dev/tcp/127.0.0.1/$hf_http) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$pp_http) 2>/dev/null; then break; fi
  sleep 0.5
done
python3 src/test/conformance/side-by-side-sockjs.py $ws $woh $hf_http $hf_ctl $pp_http $pp_ctl
