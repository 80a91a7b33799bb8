# Sourced by the side-by-side scripts: starts the real Pushpin (Debian package, through
# ../shared/tools/pushpin-up.sh or the script given as $PUSHPIN_UP) and Holdfast (mvn jetty:run)
# on loopback with the same routes file, stops both when the calling script exits, and returns
# once both listen.
# Sourcing it also moves to the project root (where mvn runs and ../shared is found) and takes the
# calling script's first argument, if it has one, as PUSHPIN_UP.
# usage: start_both ROUTES HF_HTTP HF_CTL PP_HTTP PP_CTL PP_PULL PP_SUB [-Dholdfast.key=value ...]
#   PP_* are Pushpin's HTTP, publish (control), ZeroMQ PULL and SUB ports; its command port is
#   PP_PULL+3. The -D flags go to Holdfast after the ports and the routes file.
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
PUSHPIN_UP=${1:-${PUSHPIN_UP:-../shared/tools/pushpin-up.sh}}

start_both() {
  local routes=$1 hf_http=$2 hf_ctl=$3 pp_http=$4 pp_ctl=$5 pp_pull=$6 pp_sub=$7
  shift 7
  local work
  work=$(dirname "$routes")
  pp_pid=$("$PUSHPIN_UP" "$work/pushpin" "$routes" "$pp_http" "$pp_ctl" "$pp_pull" "$pp_sub")
  mvn -q -B jetty:run -Dholdfast.http.port="$hf_http" -Dholdfast.control.port="$hf_ctl" -Dholdfast.routes.file="$routes" \
      "$@" > "$work/holdfast.log" 2>&1 &
  hf_pid=$!  # mvn execs the JVM, and jetty:run serves in that JVM: this pid is Holdfast
  trap 'kill $pp_pid $hf_pid 2>/dev/null; true' EXIT
  for _ in $(seq 1 120); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$hf_http") 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/"$pp_http") 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "Holdfast or Pushpin did not start; see $work" >&2
  return 1
}
