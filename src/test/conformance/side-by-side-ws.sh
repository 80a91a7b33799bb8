#!/usr/bin/env bash
# WebSocket sessions through Holdfast (mvn jetty:run) and the real Pushpin side by side; see
# side-by-side-ws.py. Needs `apt-get install pushpin`. Stops both when done.
# usage: src/test/conformance/side-by-side-ws.sh [PUSHPIN_UP_SCRIPT]
set -euo pipefail
source "$(dirname "$0")/start-both.sh"
woh=18320 ws=18321 hf_http=18322 hf_ctl=18323 pp_http=18324 pp_ctl=18325
work=$(mktemp -d /tmp/side-by-side-ws.XXXX)
cat > "$work/routes" <<ROUTES
*,path_beg=/woh/ 127.0.0.1:$woh,over_http
*,path_beg=/ws/ 127.0.0.1:$ws
ROUTES
start_both "$work/routes" $hf_http $hf_ctl $pp_http $pp_ctl 18326 18327
python3 src/test/conformance/side-by-side-ws.py $woh $ws $hf_http $hf_ctl $pp_http $pp_ctl
