#!/usr/bin/env bash
# WebSocket sessions through Holdfast (mvn jetty:run) and the real Pushpin side by side; see
# side-by-side-ws.py. Needs `apt-get install pushpin`. Stops both when done.
set -euo pipefail
cd "$(dirname "$0")/../../.."
pushpin_up=${1:-../shared/tools/pushpin-up.sh}
woh=18320 ws=18321 hf_http=18322 hf_ctl=18323 pp_http=18324 pp_ctl=18325
work=$(mktemp -d /tmp/side-by-side-ws.XXXX)
cat > "$work/routes" <<ROUTES
*,path_beg=/woh/ 127.0.0.1:$woh,over_http
*,path_beg=/ws/ 127.0.0.1:$ws
ROUTES
pp_pid=$("$pushpin_up" "$work/pushpin" "$work/routes" $pp_http $pp_ctl 18326 18327)
mvn -q -B jetty:run -Dholdfast.http.port=$hf_http -Dholdfast.control.port=$hf_ctl \
    -Dholdfast.routes.file="$work/routes" > "$work/holdfast.log" 2>&1 &
trap 'kill $pp_pid 2>/dev/null; pkill -f "holdfast.http.port=$hf_http" 2>/dev/null; true' EXIT
for _ in $(seq 1 120); do
  if (exec 3<>/dev/tcp/127.0.0.1/$hf_http) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$pp_http) 2>/dev/null; then break; fi
  sleep 0.5
done
python3 src/test/conformance/side-by-side-ws.py $woh $ws $hf_http $hf_ctl $pp_http $pp_ctl
