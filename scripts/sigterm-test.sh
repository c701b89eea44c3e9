#!/usr/bin/env bash
# Berth quits cleanly on SIGTERM (issue 7): Berth under Xvfb, on a private D-Bus session bus,
# started and sent SIGTERM again and again while the pointer moves over its window.
#
#   scripts/sigterm-test.sh             30 rounds (exits non-zero if any is not clean)
#   scripts/sigterm-test.sh --rounds N  N rounds
#
# Each round: start Berth, wait for its window, keep moving the pointer over the window
# (xdotool), wait a little (0 to 0.5 s, varied), send SIGTERM, and require a clean exit: status 0
# (Berth's handler quits on the UI goroutine; 143 would mean no handler took the signal) and none
# of "panic", "NotInitialized" or "Error in Fyne call thread" in its log.
# Prints "sigterm: N of N clean exits".
#
# Berth talks to the Docker engine at DOCKER_HOST (the default socket if unset) as usual; the
# test does not need the engine to answer. Uses X display :24 (BERTH_SIGTERM_DISPLAY) and a
# session bus of its own; everything it starts is stopped when it exits.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DISPLAY_NUM=${BERTH_SIGTERM_DISPLAY:-24}
PACKAGES="xvfb xdotool dbus"
WAIT=20 # seconds for Berth's window to show or Berth to exit
rounds=30

while [ $# -gt 0 ]; do
	case $1 in
	--rounds)
		[ $# -ge 2 ] && [[ $2 =~ ^[0-9]+$ ]] || { echo "sigterm-test: --rounds wants a number" >&2; exit 2; }
		rounds=$2
		shift
		;;
	-h | --help)
		sed -n '2,6s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*)
		echo "sigterm-test: unknown option $1 (try --help)" >&2
		exit 2
		;;
	esac
	shift
done

log() { printf 'sigterm-test: %s\n' "$*" >&2; }
fail() {
	printf 'sigterm-test: FAIL: %s\n' "$*" >&2
	exit 1
}

# shellcheck source=scripts/xsession.sh
. "$repo/scripts/xsession.sh"
# shellcheck disable=SC2086 # package names, one per word
install_missing $PACKAGES

work=$(mktemp -d /tmp/berth-sigterm.XXXXXX)
pids=() # processes this script started, stopped in reverse order
mover=""
cleanup() {
	local rc=$?
	[ -z "$mover" ] || kill "$mover" 2>/dev/null || true
	stop_started
	rm -rf "$work"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build, X, D-Bus ------------------------------------------------------------------------

log "building Berth"
(cd "$repo" && go build -o "$work/berth" .) || fail "go build"
export NO_AT_BRIDGE=1
# Fyne reads only $LANG; it is set for Berth alone (bash warns when the locale is not generated).
unset LC_ALL LC_CTYPE LC_MESSAGES BERTH_START_HIDDEN
start_xvfb "$DISPLAY_NUM" BERTH_SIGTERM_DISPLAY
start_session_bus
mkdir -p "$work/config" "$work/cache"
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"

# move_pointer WINDOW: keep moving the pointer around inside the window until killed.
move_pointer() {
	local w=$1 i=0
	while :; do
		xdotool mousemove --window "$w" $((100 + (i * 37) % 1000)) $((100 + (i * 23) % 500)) >/dev/null 2>&1 || true
		i=$((i + 1))
	done
}

# --- rounds ---------------------------------------------------------------------------------

clean=0
for r in $(seq "$rounds"); do
	blog="$work/berth-$r.log"
	LANG=en_US.UTF-8 "$work/berth" >"$blog" 2>&1 &
	berth=$!
	win=""
	deadline=$((SECONDS + WAIT))
	while [ -z "$win" ]; do
		win=$(xdotool search --onlyvisible --pid "$berth" --name '^Berth$' 2>/dev/null | head -n1 || true)
		[ -n "$win" ] && break
		kill -0 "$berth" 2>/dev/null || break
		[ $SECONDS -lt $deadline ] || break
		sleep 0.05
	done
	if [ -z "$win" ]; then
		kill -KILL "$berth" 2>/dev/null || true
		wait "$berth" 2>/dev/null || true
		log "round $r: no window; log:"
		tail -n 20 "$blog" >&2
		continue
	fi
	move_pointer "$win" &
	mover=$!
	# 0 to 0.5 s after the window maps: early rounds hit the start, later ones a settled window.
	sleep "0.$(((r * 17) % 6))"
	kill -TERM "$berth"
	rc=0
	deadline=$((SECONDS + WAIT))
	while kill -0 "$berth" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.05; done
	if kill -0 "$berth" 2>/dev/null; then
		kill -KILL "$berth" 2>/dev/null || true
		log "round $r: Berth did not exit within $WAIT s of SIGTERM"
	fi
	wait "$berth" || rc=$?
	kill "$mover" 2>/dev/null || true
	wait "$mover" 2>/dev/null || true
	mover=""
	if [ "$rc" != 0 ]; then
		log "round $r: exit status $rc; log:"
		tail -n 30 "$blog" >&2
	elif grep -q -e 'panic' -e 'NotInitialized' -e 'Error in Fyne call thread' "$blog"; then
		log "round $r: exit status $rc, but the log says:"
		grep -n -A10 -e 'panic' -e 'NotInitialized' -e 'Error in Fyne call thread' "$blog" | head -n 30 >&2
	else
		clean=$((clean + 1))
	fi
done

echo "sigterm: $clean of $rounds clean exits"
[ "$clean" = "$rounds" ] || fail "$((rounds - clean)) of $rounds rounds did not exit cleanly"
