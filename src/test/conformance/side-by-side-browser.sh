#!/usr/bin/env bash
# Starts Holdfast (mvn jetty:run) and the real Pushpin on loopback with the same aco/JSONP routes,
# then runs side-by-side-browser.py. Needs `apt-get install pushpin`. Stops both when done.
# Uses ports 18340-18359.
# usage: src/test/conformance/side-by-side-browser.sh [PUSHPIN_UP_SCRIPT]
set -euo pipefail
source "$(dirname "$0")/start-both.sh"
origin=18340 hf_http=18341 hf_ctl=18342 pp_http=18343 pp_ctl=18344 closed=18359
work=$(mktemp -d /tmp/side-by-side-browser.XXXX)
cat > "$work/routes" <<ROUTES
*,aco 127.0.0.1:$origin
basic.example,aco,jsonp_mode=basic 127.0.0.1:$origin
body.example,aco,jsonp_body=b,jsonp_defcb=dcb 127.0.0.1:$origin
plain.example 127.0.0.1:$origin
dead.example,aco 127.0.0.1:$closed
ROUTES
start_both "$work/routes" $hf_http $hf_ctl $pp_http $pp_ctl 18345 18346
python3 src/test/conformance/side-by-side-browser.py $origin $hf_http $hf_ctl $pp_http $pp_ctl
