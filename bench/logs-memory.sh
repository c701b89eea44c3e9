#!/usr/bin/env bash
# Resident memory of Berth before, with and after a log window (issues 13 and 9).
#
#   bench/logs-memory.sh [--lines N] [--display :N] [--settle S] [--late S]
#
# Starts the engine (scripts/testenv.sh), one container of the log writer (testdata/logwriter)
# that wrote N lines (default 1,000,000: about 100 MB with its colour codes), and Berth under
# Xvfb with a private session bus. Samples VmRSS of Berth: "before" with the main window up,
# "with" once the log window (opened by BERTH_OPEN_LOGS) has loaded the whole history (Berth
# prints berth-logs-loaded with BERTH_TRACE_LOGS=1) and settled, and "after" once Ctrl+W closed
# it, and "late" S seconds (default 100) after closing, once Fyne's cache has let go of the
# log's rows (a minute after their last use, cleaned every 30 s) and Berth has handed that back.
# Prints the numbers in MB and writes them to bench/logs-memory.out.
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
lines=1000000 display=:32 settle=8 late=100
while [ $# -gt 0 ]; do
	case $1 in
	--lines) lines=$2; shift ;;
	--display) display=$2; shift ;;
	--settle) settle=$2; shift ;;
	--late) late=$2; shift ;;
	*) echo "logs-memory.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
log() { printf 'logs-memory.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

run=$PWD/.bench/logs-memory
name=berthbench-logs-$$
image=localhost:5000/berthtest/logwriter:1
xvfb_pid="" dbus_pid="" berth_pid=""
cleanup() {
	[ -z "$berth_pid" ] || kill "$berth_pid" 2>/dev/null || true
	[ -z "$dbus_pid" ] || kill "$dbus_pid" 2>/dev/null || true
	[ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
	docker rm -f "$name" >/dev/null 2>&1 || true
}
trap cleanup EXIT

bash scripts/testenv.sh up >&2
go test -tags e2e -count=1 -run '^TestLogWriterImage$' ./internal/testbed/ >&2 || die "no $image"
log "a container that wrote $lines lines"
docker run -d --name "$name" --label berth.bench=1 "$image" -n "$lines" >/dev/null
docker wait "$name" >/dev/null

rm -rf "$run" || true; mkdir -p "$run/config" "$run/cache"
mkdir -p .bench && go build -o .bench/berth . || die "Berth does not build"
export DISPLAY=$display
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >"$run/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
dbus_pid=$(dbus-daemon --session --fork --print-pid --address="unix:path=$run/bus")
export DBUS_SESSION_BUS_ADDRESS=unix:path=$run/bus
export LANG=en_US.UTF-8 XDG_CONFIG_HOME=$run/config XDG_CACHE_HOME=$run/cache
mkdir -p "$run/tmp"
export TMPDIR=$run/tmp # the log store's temporary files, counted with and after
export BERTH_NO_TUTORIAL=1 # a fresh config would open the Getting started page too

rss() { awk '/^VmRSS/ {printf "%.0f\n", $2/1024}' "/proc/$berth_pid/status"; }
# anon: the resident memory that is not file pages (the binary's code and data pages touched,
# which the kernel may drop and reread, count in VmRSS too).
anon() { awk '/^RssAnon/ {printf "%.0f\n", $2/1024}' "/proc/$berth_pid/status"; }
window() { xdotool search --name "$1" 2>/dev/null | head -1; }
logs_open() { [ -n "$(window "Logs .* $name")" ]; }
logs_closed() { ! logs_open; }
wait_for() { # wait_for WHAT CMD...: up to 60 s
	local what=$1; shift
	for _ in $(seq 600); do "$@" && return 0; sleep 0.1; done
	die "timed out waiting for $what"
}

# Before: the main window alone (the same binary, the same engine).
BERTH_TRACE_READY=1 .bench/berth 2>"$run/berth-before.log" &
berth_pid=$!
wait_for "the main window" grep -q berth-ready "$run/berth-before.log"
sleep "$settle"
before=$(rss) before_anon=$(anon)
kill "$berth_pid"; wait "$berth_pid" 2>/dev/null || true

# With and after: the logs window opened at start-up, then closed with Ctrl+W.
BERTH_TRACE_READY=1 BERTH_TRACE_LOGS=1 BERTH_OPEN_LOGS=$name .bench/berth 2>"$run/berth.log" &
berth_pid=$!
wait_for "the logs window" logs_open
t0=$(date +%s)
for _ in $(seq 1800); do grep -q berth-logs-loaded "$run/berth.log" && break; sleep 0.1; done
grep -q berth-logs-loaded "$run/berth.log" || die "the history did not load in 3 minutes"
log "history loaded in about $(($(date +%s) - t0)) s: $(grep -o 'lines=[0-9]*' "$run/berth.log")"
sleep "$settle"
with=$(rss) with_anon=$(anon)
files_with=$(find "$run/tmp" -name 'berth-logs-*' | wc -l)
log "with the logs window: $with MB (before: $before MB)"
logs_win=$(window "Logs .* $name")
xdotool windowfocus --sync "$logs_win" key --window "$logs_win" ctrl+w 2>/dev/null || true # the window is gone before the key is up
wait_for "the logs window to close" logs_closed
sleep "$settle"
after=$(rss) after_anon=$(anon)
log "after closing: $after MB; waiting ${late} s for the late sample"
sleep $((late - settle))
late_mb=$(rss) late_anon=$(anon)
left=$(find "$run/tmp" -name 'berth-logs-*' | wc -l)

printf 'lines=%s before_mb=%s with_mb=%s after_mb=%s late_mb=%s temp_files_with=%s temp_files_after=%s anon_mb=%s/%s/%s/%s\n' "$lines" "$before" "$with" "$after" "$late_mb" "$files_with" "$left" \
	"$before_anon" "$with_anon" "$after_anon" "$late_anon" | tee bench/logs-memory.out
