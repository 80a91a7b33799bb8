#!/usr/bin/env bash
# Starts Holdfast (mvn jetty:run) and the real Pushpin on loopback with the same aco/JSONP routes,
# then runs side-by-side-browser.py. Needs `apt-get install pushpin`. Stops both when done.
# usage: src/test/conformance/side-by-side-browser.sh [PUSHPIN_UP_SCRIPT]
set -euo pipefail
cd "$(dirname "$0")/../../.."
pushpin_up=${1:-../shared/tools/pushpin-up.sh}
origin=18320 hf_http=18321 hf_ctl=18322 pp_http=18323 pp_ctl=18324 closed=18339
work=$(mktemp -d /tmp/side-by-side-browser.XXXX)
cat > "$work/routes" <<ROUTES
*,aco 127.0.0.1:$origin
basic.example,aco,jsonp_mode=basic 127.0.0.1:$origin
body.example,aco,jsonp_body=b,jsonp_defcb=dcb 127.0.0.1:$origin
plain.example 127.0.0.1:$origin
dead.example,aco 127.0.0.1:$closed
ROUTES
pp_pid=$("$pushpin_up" "$work/pushpin" "$work/routes" $pp_http $pp_ctl 18325 18326)
mvn -q -B jetty:run -Dholdfast.http.port=$hf_http -Dholdfast.control.port=$hf_ctl \
    -Dholdfast.routes.file="$work/routes" > "$work/holdfast.log" 2>&1 &
trap 'kill $pp_pid 2>/dev/null; pkill -f "holdfast.http.port=$hf_http" 2>/dev/null; true' EXIT
for _ in $(seq 1 120); do
  if (exec 3<>/dev/tcp/127.0.0.1/$hf_http) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$pp_http) 2>/dev/null; then break; fi
  sleep 0.5
done
python3 src/test/conformance/side-by-side-browser.py $origin $hf_http $hf_ctl $pp_http $pp_ctl
