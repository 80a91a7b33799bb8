#!/usr/bin/env bash
# Starts Holdfast (mvn jetty:run) and the real Pushpin (Debian package, via
# ../shared/tools/pushpin-up.sh) on loopback with the same routes, then runs side-by-side.py,
# which compares their raw answers. Needs `apt-get install pushpin`. Stops both when done.
# usage: src/test/conformance/side-by-side.sh [PUSHPIN_UP_SCRIPT]
set -euo pipefail
source "$(dirname "$0")/start-both.sh"
origin=18300 hf_http=18301 hf_ctl=18302 pp_http=18303 pp_ctl=18304 closed=18399
work=$(mktemp -d /tmp/side-by-side.XXXX)
cat > "$work/routes" <<ROUTES
* 127.0.0.1:$origin
debug.example,debug 127.0.0.1:$origin
wrong.example 127.0.0.1:$closed
ROUTES
start_both "$work/routes" $hf_http $hf_ctl $pp_http $pp_ctl 18305 18306
python3 src/test/conformance/side-by-side.py $origin $hf_http $hf_ctl $pp_http $pp_ctl
