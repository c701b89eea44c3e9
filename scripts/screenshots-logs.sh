#!/usr/bin/env bash
# Screenshots of the log view from the real app under Xvfb (issue 9): a log with the matches of
# a search highlighted, the same filtered to the matching lines (one line of context), and a
# compose project's merged log. Each log is opened with `berth logs NAME|PROJECT` sent to the
# running Berth, then searched and filtered with the keyboard and the mouse (xdotool).
#
#   scripts/screenshots-logs.sh [--out DIR]     default docs/screenshots
#
# Needs the test bed (scripts/testenv.sh) for the log writer image (testdata/logwriter).
# Environment: BERTH_SHOTS_DISPLAY (default :45).
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$PWD/docs/screenshots
[ "${1:-}" != --out ] || out=$2
WAIT=30
work=$(mktemp -d /tmp/berth-logshots.XXXXXX)
pids=()
name=berth-shot-logs project=berthshotshop
names=("$name" "$project-web-1" "$project-db-1" "$project-worker-1")
log() { printf 'screenshots-logs: %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }
# shellcheck source=scripts/xsession.sh
. scripts/xsession.sh
trap 'stop_started; docker rm -f "${names[@]}" >/dev/null 2>&1; [ -n "${BERTH_SHOTS_KEEP:-}" ] || rm -rf "$work"' EXIT

bash scripts/testenv.sh up >/dev/null
go test -tags e2e -count=1 -run '^TestLogWriterImage$' ./internal/testbed/ >/dev/null || fail "no log writer image"
img=localhost:5000/berthtest/logwriter:1
docker rm -f "${names[@]}" >/dev/null 2>&1 || true
docker run -d --name "$name" "$img" -n 3000 -rate 3000 >/dev/null # at a rate: its stdout and stderr interleave
# A compose project of three services (the labels docker compose puts on its containers),
# writing at once, so that their lines interleave.
k=0
for svc in web db worker; do
	docker create --name "$project-$svc-1" -l com.docker.compose.project=$project \
		-l com.docker.compose.service=$svc -l com.docker.compose.container-number=1 \
		"$img" -n $((40 + 10 * k)) -rate $((8 + 2 * k)) >/dev/null # 5 s each
	k=$((k + 1))
done
docker start "$project-web-1" "$project-db-1" "$project-worker-1" >/dev/null # at once
docker wait "$name" >/dev/null
go build -o "$work/berth" .
export LANG=en_US.UTF-8 BERTH_NO_TUTORIAL=1 XDG_CONFIG_HOME=$work/config XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
display=${BERTH_SHOTS_DISPLAY:-:45}
start_xvfb "${display#:}" BERTH_SHOTS_DISPLAY
start_session_bus
"$work/berth" >"$work/berth.log" 2>&1 &
pids+=($!)
wait_for "the main window" xdotool search --name '^Berth$'
sleep 3

# open WHAT TITLE: open WHAT's log, wait for its window (title TITLE), place it; prints its id.
open_log() {
	"$work/berth" logs "$1"
	local w=""
	for _ in $(seq 300); do
		w=$(xdotool search --name "$2" 2>/dev/null | tail -1) && [ -n "$w" ] && break
		sleep 0.1
	done
	[ -n "$w" ] || fail "no window $2 (see $work/berth.log)"
	sleep 2 # Fyne sizes the window itself once it is shown
	xdotool windowsize "$w" 1100 560 windowmove "$w" 0 0 windowraise "$w"
	sleep 1
	xdotool windowsize "$w" 1100 560 windowmove "$w" 0 0 windowraise "$w"
	sleep 2
	echo "$w"
}
shot() {
	import -window root -crop 1100x560+0+0 "$out/$1"
	log "wrote $out/$1"
}

w=$(open_log "$name" "^Logs .* $name\$")
xdotool mousemove 200 20 click 1 # the search field
xdotool type --delay 40 "/api/v1/users"
sleep 2
xdotool key Return Return Return # to the third match, as one goes through them
sleep 1.5
shot logs-search.png
# "Only matching" and the context choice, where they sit in the search row of a 1100-wide window.
xdotool mousemove 848 21 click 1
sleep 1
xdotool mousemove 1030 21 click 1
sleep 1
xdotool mousemove 1018 96 click 1 # "1 line around", the second choice
sleep 2
shot logs-filter.png
xdotool key --window "$w" ctrl+w 2>/dev/null || true

docker wait "$project-web-1" "$project-db-1" "$project-worker-1" >/dev/null
open_log "$project" "^Logs .* $project .compose.\$" >/dev/null
xdotool mousemove 100 62 click 1 # Timestamps on
sleep 2
shot logs-compose.png
