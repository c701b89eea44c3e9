#!/usr/bin/env bash
# Screenshots of Berth's engines (issue 8) from the real app under Xvfb: the Engines tab with
# contexts made by the real docker CLI (TLS and ssh that work, a wrong CA, a refused ssh key),
# the add-engine dialog, and the offline banner for a wrong CA and for a refused ssh key.
#
#   scripts/screenshots-engines.sh [--out DIR]     default docs/screenshots
#
# Uses scripts/engines.sh's test bed (started if needed) and a private DOCKER_CONFIG, never
# ~/.docker. Environment: BERTH_SHOTS_DISPLAY (default :43).
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
out=$repo/docs/screenshots
[ "${1:-}" != --out ] || out=$2
WAIT=30
work=$(mktemp -d /tmp/berth-engshots.XXXXXX)
pids=()
log() { printf 'screenshots-engines: %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }
# shellcheck source=scripts/xsession.sh
. scripts/xsession.sh
trap 'stop_started; rm -rf "$work"' EXIT

bash scripts/testenv.sh up >/dev/null
bash scripts/engines.sh up >/dev/null
eng=${BERTH_TESTENV_DIR:-$repo/.testenv}/engines
# shellcheck disable=SC1091
. "$eng/ports.env"
tls=tcp://127.0.0.1:$TLS_PORT
sock=$eng/docker.sock
export DOCKER_CONFIG=$work/docker-config
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_CERT_PATH DOCKER_TLS_VERIFY
export PATH="$eng/bin:$PATH" LANG=en_US.UTF-8
spec() { echo "host=$1,ca=$2/ca.pem,cert=$2/cert.pem,key=$2/key.pem"; }
docker context create build-tls --description "the build box, over TLS" --docker "$(spec "$tls" "$eng/tls/good")" >/dev/null 2>&1
docker context create build-ssh --description "the same, over ssh" --docker "host=ssh://berth-ssh$sock" >/dev/null 2>&1
docker context create old-ca --description "a CA that signed nothing here" --docker "$(spec "$tls" "$eng/tls/wrongca")" >/dev/null 2>&1
docker context create lab-ssh --description "a key the server refuses" --docker "host=ssh://berth-ssh-badkey$sock" >/dev/null 2>&1

go build -o "$work/berth" .
display=${BERTH_SHOTS_DISPLAY:-:43}
start_xvfb "${display#:}" BERTH_SHOTS_DISPLAY
start_session_bus

# berth_window CONTEXT: start Berth on the docker context CONTEXT ("" for the CLI's own choice)
# and print its window id.
berth_window() {
	DOCKER_CONTEXT=$1 "$work/berth" >"$work/berth-$1.log" 2>&1 &
	pids+=($!)
	local w=""
	for _ in $(seq 100); do
		w=$(xdotool search --name '^Berth$' 2>/dev/null | tail -1) && [ -n "$w" ] && break
		sleep 0.1
	done
	[ -n "$w" ] || fail "no Berth window (see $work/berth-$1.log)"
	xdotool windowsize "$w" 1280 760 windowmove "$w" 0 0
	sleep 2
	echo "$w"
}
shot() { import -window root -crop 1280x760+0+0 "$out/$1"; log "wrote $out/$1"; }
quit_berth() { kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; sleep 0.5; }

berth_window "" >/dev/null
xdotool mousemove 262 21 click 1 # the Engines tab
sleep 6                          # every engine checked (ssh takes a moment)
shot engines.png
xdotool mousemove 1210 71 click 1 # Add engine…
sleep 1
xdotool type --delay 20 "staging"
xdotool key Tab
xdotool type --delay 20 "ssh://deploy@staging.example:2222"
sleep 0.5
shot add-engine.png
quit_berth

berth_window old-ca >/dev/null
sleep 3
shot banner-tls.png
quit_berth
berth_window lab-ssh >/dev/null
sleep 4
shot banner-ssh.png
quit_berth
