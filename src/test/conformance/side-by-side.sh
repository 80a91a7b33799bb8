#!/usr/bin/env bash
# Starts Holdfast (mvn jetty:run) and the real Pushpin (Debian package, via
# ../shared/tools/pushpin-up.sh) on loopback with the same routes, then runs side-by-side.py,
# which compares their raw answers. Needs `apt-get install pushpin`. Stops both when done.
# usage: src/test/conformance/side-by-side.sh [PUSHPIN_UP_SCRIPT]
set -euo pipefail
cd "$(dirname "$0")/../../.."
pushpin_up=${1:-../shared/tools/pushpin-up.sh}
origin=18300 hf_http=18301 hf_ctl=18302 pp_http=18303 pp_ctl=18304 closed=18399
work=$(mktemp -d /tmp/side-by-side.XXXX)
cat > "$work/routes" <<ROUTES
* 127.0.0.1:$origin
debug.example,debug 127.0.0.1:$origin
wrong.example 127.0.0.1:$closed
ROUTES
pp_pid=$("$pushpin_up" "$work/pushpin" "$work/routes" $pp_http $pp_ctl 18305 18306)
mvn -q -B jetty:run -Dholdfast.http.port=$hf_http -Dholdfast.control.port=$hf_ctl \
    -Dholdfast.routes.file="$work/routes" > "$work/holdfast.log" 2>&1 &
hf_pid=$!
trap 'kill $pp_pid 2>/dev/null; pkill -f "holdfast.http.port=$hf_http" 2>/dev/null; true' EXIT
for _ in $(seq 1 120); do
  if (exec 3<>/dev/tcp/127.0.0.1/$hf_http) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$pp_http) 2>/dev/null; then break; fi
  sleep 0.5
done
python3 src/test/conformance/side-by-side.py $origin $hf_http $hf_ctl $pp_http $pp_ctl
