#!/usr/bin/env bash
# SockJS sessions through Holdfast (mvn jetty:run) and the real Pushpin side by side; see
# side-by-side-sockjs.py. Needs `apt-get install pushpin`. Stops both when done.
# usage: src/test/conformance/side-by-side-sockjs.sh [PUSHPIN_UP_SCRIPT]
set -euo pipefail
source "$(dirname "$0")/start-both.sh"
ws=27100 woh=27101 hf_http=27003 hf_ctl=27004 pp_http=27001 pp_ctl=27002
work=$(mktemp -d /tmp/sockjs-side-by-side.XXXX)
cat > "$work/routes" <<ROUTES
*,path_beg=/woh,sockjs=/woh/sjs 127.0.0.1:$woh,over_http
*,path_beg=/asp,sockjs=/asp/sjs,sockjs_as_path=/other 127.0.0.1:$ws
*,sockjs=/sockjs 127.0.0.1:$ws
ROUTES
start_both "$work/routes" $hf_http $hf_ctl $pp_http $pp_ctl 27010 27012 \
    -Dholdfast.zmq.pull= -Dholdfast.zmq.sub= -Dholdfast.zmq.command=
python3 src/test/conformance/side-by-side-sockjs.py $ws $woh $hf_http $hf_ctl $pp_http $pp_ctl
