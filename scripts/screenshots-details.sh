#!/usr/bin/env bash
# Screenshots of a container's details window from the real app under Xvfb (issue 10): a
# toolbox container (busybox) running top in its terminal, its overview, inspect, files and
# stats, each tab brought to the front with `berth show NAME TAB` sent to the running Berth.
#
#   scripts/screenshots-details.sh [--out DIR]     default docs/screenshots
#
# Needs the toolbox test image (internal/testbed: go test -tags e2e -run Toolbox ./gui/terminal/
# builds it). Environment: BERTH_SHOTS_DISPLAY (default :44).
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$PWD/docs/screenshots
[ "${1:-}" != --out ] || out=$2
WAIT=30
work=$(mktemp -d /tmp/berth-detshots.XXXXXX)
pids=()
name=berth-shot-toolbox
log() { printf 'screenshots-details: %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }
# shellcheck source=scripts/xsession.sh
. scripts/xsession.sh
trap 'stop_started; docker rm -f "$name" >/dev/null 2>&1; rm -rf "$work"' EXIT

bash scripts/testenv.sh up >/dev/null
img=localhost:5000/berthtest/toolbox:1
docker image inspect "$img" >/dev/null 2>&1 || fail "no $img (see the header)"
docker rm -f "$name" >/dev/null 2>&1 || true
docker run -d --name "$name" -p 127.0.0.1:18181:80 -e APP_MODE=demo -e API_TOKEN=s3cr3t \
	-l org.example.team=web "$img" sh -c 'while true; do echo tick; sleep 1; done' >/dev/null
go build -o "$work/berth" .
export LANG=en_US.UTF-8 BERTH_NO_TUTORIAL=1 XDG_CONFIG_HOME=$work/config XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
display=${BERTH_SHOTS_DISPLAY:-:44}
start_xvfb "${display#:}" BERTH_SHOTS_DISPLAY
start_session_bus
"$work/berth" >"$work/berth.log" 2>&1 &
pids+=($!)
wait_for "the main window" xdotool search --name '^Berth$'
sleep 3

# shot TAB FILE: bring TAB of the details window to the front, capture the window.
shot() {
	"$work/berth" show "$name" "$1"
	local w=""
	for _ in $(seq 50); do
		w=$(xdotool search --name "^$name .*Berth\$" 2>/dev/null | tail -1) && [ -n "$w" ] && break
		sleep 0.1
	done
	[ -n "$w" ] || fail "no details window (see $work/berth.log)"
	xdotool windowsize "$w" 1100 700 windowmove "$w" 0 0 windowraise "$w"
	sleep "${3:-2}"
	import -window root -crop 1100x700+0+0 "$out/$2"
	log "wrote $out/$2"
}
shot overview details-overview.png
shot inspect details-inspect.png
shot files details-files.png 3
shot terminal terminal-top.png 3
xdotool mousemove 500 400 click 1 # the keyboard to the terminal
xdotool type --delay 30 "top"
xdotool key Return
sleep 3
import -window root -crop 1100x700+0+0 "$out/terminal-top.png"
log "wrote $out/terminal-top.png (top running)"
shot stats stats.png 8
