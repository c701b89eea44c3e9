#!/usr/bin/env bash
# Screenshots of the real Berth for the docs: the app under Xvfb against the test bed's engine,
# driven with xdotool, captured with ImageMagick into docs/screenshots/.
#
#   scripts/screenshots.sh [options]
#
#   --out DIR        where the PNGs go; default docs/screenshots
#   --no-pull        skip pull-progress.png (its dialog is sometimes drawn where the window was
#                    before Fyne grew it for the dialog, and the frames miss the bar)
#   --no-offline     skip offline.png (a second Berth pointed at a socket that does not answer)
#   --quiet-wait S   before containers.png, wait up to S seconds for containers that are not the
#                    scene's (benchmarks, tests) to go away; default 120, 0 to not wait
#   --keep-work      keep the work directory (logs, every frame of the pull) for a look
#   --lang ko        Berth in Korean (LANG=ko_KR.UTF-8; installs fonts-noto-cjk if missing):
#                    containers.png run-dialog.png conflict.png activity.png tutorial.png into
#                    docs/screenshots/ko/
#                    (default --out); the tray menu is scripts/tray-test.sh's (see README.ko.md)
#
# Environment: BERTH_SHOTS_DISPLAY (default :41), BERTH_SHOTS_WORK (default /tmp/berth-shots).
#
# What it does: scripts/testenv.sh up; builds the test images if missing (internal/testbed);
# creates the tutorial's scene (webserver, awesome_mclaren, a compose project "shop"), all
# labelled berth.shots=1; builds a private image for the conflict and a fresh 3-layer image in the
# registry for the pull; starts Xvfb, a private session bus and Berth; takes
#   containers.png images.png run-dialog.png pull-progress.png conflict.png logs.png offline.png
# and removes everything it started and created, also when it fails. Idempotent: leftovers of
# an earlier run (its processes, labelled containers, private images) are removed first.
# Exits non-zero if a step fails. Needs root on Debian 12 (like scripts/testenv.sh).
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

out=$repo/docs/screenshots
offline=1
pull=1
quiet_wait=120
keep_work=0
lang=en
out_set=0
usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; }
need() { [ $# -ge 2 ] || { echo "screenshots.sh: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
	case $1 in
	--out) need "$@"; out=$2; out_set=1; shift ;;
	--lang) need "$@"; lang=$2; shift ;;
	--no-offline) offline=0 ;;
	--no-pull) pull=0 ;;
	--quiet-wait) need "$@"; quiet_wait=$2; shift ;;
	--keep-work) keep_work=1 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "screenshots.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
[[ $quiet_wait =~ ^[0-9]+$ ]] || { echo "screenshots.sh: --quiet-wait wants seconds" >&2; exit 2; }
case $lang in
en) ;;
ko) [ $out_set = 1 ] || out=$repo/docs/screenshots/ko ;;
*) echo "screenshots.sh: --lang is en or ko" >&2; exit 2 ;;
esac

display=${BERTH_SHOTS_DISPLAY:-:41}
[[ $display =~ ^:[0-9]+$ ]] || { echo "screenshots.sh: BERTH_SHOTS_DISPLAY wants :N" >&2; exit 2; }
work=${BERTH_SHOTS_WORK:-/tmp/berth-shots}
bus=/tmp/berth-shots-dbus
nothing_sock=/tmp/berth-nothing.sock
label=berth.shots=1
web_src=localhost:5000/berthtest/web:1
web_ref=localhost:5000/berthshot/web:1 # a private image (own ID) the conflict may name
pull_repo=berthshot/pull
pull_ref="" # localhost:5000/berthshot/pull:<random>, set when pushed
registry=http://127.0.0.1:5000

log() { printf 'screenshots: %s\n' "$*" >&2; }
die() { printf 'screenshots: ERROR: %s\n' "$*" >&2; exit 1; }

# Hangul needs a CJK font: Fyne falls back to the system's for letters its own font lacks.
if [ "$lang" = ko ] && ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q '^install ok installed$'; then
	log "installing fonts-noto-cjk (Hangul)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk >/dev/null ||
		{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk >/dev/null; } ||
		die "apt-get install fonts-noto-cjk failed"
fi

for tool in Xvfb xdotool import convert xwd dbus-daemon curl docker go; do
	command -v "$tool" >/dev/null || die "$tool not found (run scripts/testenv.sh up, which installs what is missing)"
done

# --- processes we start: pidfiles in $work, so a later run can end an earlier one's -----------

# ours NAME COMM prints the pid in $work/NAME.pid if that process is alive and is COMM.
ours() {
	local f="$work/$1.pid" pid
	[ -r "$f" ] || return 1
	pid=$(cat "$f")
	[[ $pid =~ ^[0-9]+$ ]] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && echo "$pid"
}

stop() { # NAME COMM
	local pid i
	if pid=$(ours "$1" "$2"); then
		kill -TERM "$pid" 2>/dev/null || true
		for ((i = 0; i < 40; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.05
		done
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$work/$1.pid"
}

stop_processes() {
	stop berth berth-shots
	stop berth-offline berth-shots
	stop dbus dbus-daemon
	stop xvfb Xvfb
	rm -f "$bus"
}

# --- what we create in the engine and the registry -------------------------------------------

remove_scene() {
	local ids
	ids=$(docker ps -aq --filter "label=$label" 2>/dev/null || true)
	if [ -n "$ids" ]; then
		log "removing $(wc -l <<<"$ids") scene containers (label $label)"
		# shellcheck disable=SC2086 # IDs, one per word
		docker rm -f $ids >/dev/null || return 1
	fi
	ids=$(docker images -q --filter "label=$label" 2>/dev/null | sort -u || true)
	local refs
	refs=$(docker images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | grep '^localhost:5000/berthshot/' || true)
	if [ -n "$refs$ids" ]; then
		log "removing private images: $(tr '\n' ' ' <<<"$refs")"
		# shellcheck disable=SC2086
		[ -z "$refs" ] || docker rmi -f $refs >/dev/null 2>&1 || true
		# shellcheck disable=SC2086
		[ -z "$ids" ] || docker rmi -f $ids >/dev/null 2>&1 || true
	fi
}

# delete_from_registry REPO TAG deletes a manifest we pushed (the registry collects its blobs
# when scripts/testenv.sh next starts it).
delete_from_registry() {
	local digest
	digest=$(curl -sfI -m 5 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
		"$registry/v2/$1/manifests/$2" | tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" {print $2}') || true
	[ -z "$digest" ] || curl -sf -m 5 -X DELETE "$registry/v2/$1/manifests/$digest" >/dev/null || true
}

cleanup() {
	local rc=$?
	set +e
	stop_processes
	remove_scene
	if [ -n "$pull_ref" ]; then delete_from_registry "$pull_repo" "${pull_ref##*:}"; fi
	rm -rf "$work/pullctx" "$work/webctx"
	[ $keep_work = 1 ] || rm -rf "$work/frames"
	if [ $rc = 0 ] && [ $keep_work = 0 ]; then
		rm -rf "$work"
	else
		log "work directory kept: $work (logs: berth.log, xvfb.log)"
	fi
	if [ $rc = 0 ]; then log "done: screenshots in $out"; else log "FAILED (exit $rc)"; fi
	exit $rc
}

# --- X helpers -------------------------------------------------------------------------------

export DISPLAY=$display

# wait_window REGEX [SECONDS] prints the id of the window whose name matches, polling every 50 ms.
wait_window() {
	local i id
	for ((i = 0; i < ${2:-30} * 20; i++)); do
		if id=$(xdotool search --name "$1" 2>/dev/null | head -n1) && [ -n "$id" ]; then
			echo "$id"
			return 0
		fi
		sleep 0.05
	done
	return 1
}

# geometry WINDOW prints WxH.
geometry() {
	xdotool getwindowgeometry "$1" | awk '/Geometry:/ {print $2}'
}

# shot FILE WINDOW: the screen's top-left corner as large as WINDOW (windows sit at 0,0 with no
# decorations under bare Xvfb; a second window at 0,0 shows on top of the first).
shot() {
	import -window root -crop "$(geometry "$2")+0+0" +repage "$1"
	log "wrote ${1#"$repo"/}"
}

click() { # X Y
	xdotool mousemove "$1" "$2" click 1
	sleep 0.3
}

# park moves the pointer over the status line, where hovering highlights nothing (keyboard
# input goes to the window under the pointer: no window manager).
park() { xdotool mousemove 640 750; sleep 0.2; }

# debug_shot NAME keeps a full screenshot in the work directory (see --keep-work).
debug_shot() { import -window root "$work/debug-$1.png"; }

type_text() { xdotool type --delay 12 "$1"; }

# --- the run ----------------------------------------------------------------------------------

mkdir -p "$work" "$out"
stop_processes # an earlier run's, by its pidfiles
rm -rf "$work"/*.log "$work"/debug-*.png "$work/frames"
trap cleanup EXIT
trap 'exit 130' INT TERM

log "test bed: scripts/testenv.sh up"
bash scripts/testenv.sh up

if ! docker image inspect "$web_src" >/dev/null 2>&1; then
	log "building the test images (go test -run '^TestImages\$' ./internal/testbed/)"
	go test -count=1 -run '^TestImages$' ./internal/testbed/ >"$work/testbed.log" 2>&1 ||
		{ tail -n 30 "$work/testbed.log" >&2; die "internal/testbed could not build the test images"; }
	docker image inspect "$web_src" >/dev/null 2>&1 || die "$web_src is still missing"
fi

log "building Berth"
go build -o "$work/berth-shots" . || die "go build failed"

remove_scene # an earlier run's leftovers

# Other processes' containers (benchmarks, tests) would crowd the table: wait for them
# to go, before the scene is made (so that its times read "Up 12 seconds", not a stale start).
foreign() {
	comm -23 <(docker ps -aq --no-trunc | sort) <(docker ps -aq --no-trunc --filter "label=$label" | sort) | wc -l
}
n=$(foreign)
if [ "$n" -gt 0 ] && [ "$quiet_wait" -gt 0 ]; then
	log "$n containers of other processes are on the engine; waiting up to ${quiet_wait}s for them to go"
	for ((i = 0; i < quiet_wait; i += 2)); do
		n=$(foreign)
		[ "$n" -gt 0 ] || break
		sleep 2
	done
	[ "$n" = 0 ] || log "note: $n containers of other processes remain; they will show in containers.png"
fi

# A private image with its own ID (the test image plus a label): removing its tag while
# webserver uses it is refused. (A mere second tag of the shared image would just be untagged.)
log "building $web_ref (FROM $web_src, own image ID)"
rm -rf "$work/webctx" && mkdir -p "$work/webctx"
printf 'FROM %s\nLABEL %s\n' "$web_src" "$label" >"$work/webctx/Dockerfile"
DOCKER_BUILDKIT=0 docker build -q -t "$web_ref" "$work/webctx" >/dev/null 2>"$work/build.log" ||
	{ cat "$work/build.log" >&2; die "docker build of $web_ref failed"; }

# name_for BASE prints BASE, or berthshot-BASE if a container that is not ours has that name.
name_for() {
	local l
	if l=$(docker inspect -f '{{index .Config.Labels "berth.shots"}}' "$1" 2>/dev/null); then
		if [ "$l" = 1 ]; then
			docker rm -f "$1" >/dev/null
		else
			echo "berthshot-$1"
			return
		fi
	fi
	echo "$1"
}

# port_free P succeeds if nothing listens on 127.0.0.1:P.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port_from() {
	local p
	for ((p = $1; p < $1 + 50; p++)); do
		if port_free "$p"; then
			echo "$p"
			return 0
		fi
	done
	die "no free port in $1..$(($1 + 49))"
}

log "creating the scene (label $label)"
mclaren=$(name_for awesome_mclaren)
docker create --label "$label" --name "$mclaren" "$web_src" >/dev/null
docker start "$mclaren" >/dev/null
docker stop -t 5 "$mclaren" >/dev/null
sleep 1.1 # distinct creation times keep the table's order stable

webserver=$(name_for webserver)
web_port=$(free_port_from 8080)
docker run -d --label "$label" --name "$webserver" --publish "127.0.0.1:$web_port:80" "$web_ref" >/dev/null
sleep 1.1

compose() { # NAME SERVICE
	docker run -d --label "$label" --label com.docker.compose.project=shop \
		--label "com.docker.compose.service=$2" --label com.docker.compose.container-number=1 \
		--label com.docker.compose.oneoff=False --name "$1" "$web_src" >/dev/null
}
shop_web=$(name_for shop-web-1)
shop_worker=$(name_for shop-worker-1)
compose "$shop_web" web
compose "$shop_worker" worker
docker pause "$shop_worker" >/dev/null
log "scene: $webserver (127.0.0.1:$web_port->80), $mclaren (exited), shop: $shop_web (running), $shop_worker (paused)"

# A fresh image for the pull: three layers of 8 MiB random bytes, in the registry only.
pull_ref=localhost:5000/$pull_repo:$(od -An -N5 -tx1 /dev/urandom | tr -d ' \n')
log "building and pushing $pull_ref (3 layers of 8 MiB), then removing it locally"
rm -rf "$work/pullctx" && mkdir -p "$work/pullctx"
for f in a b c; do head -c 8M /dev/urandom >"$work/pullctx/$f"; done
printf 'FROM scratch\nLABEL %s\nCOPY a /layer-a\nCOPY b /layer-b\nCOPY c /layer-c\n' "$label" >"$work/pullctx/Dockerfile"
DOCKER_BUILDKIT=0 docker build -q -t "$pull_ref" "$work/pullctx" >/dev/null 2>"$work/build.log" ||
	{ cat "$work/build.log" >&2; die "docker build of $pull_ref failed"; }
docker push -q "$pull_ref" >/dev/null || die "docker push $pull_ref failed"
docker rmi "$pull_ref" >/dev/null
docker image inspect "$pull_ref" >/dev/null 2>&1 && die "$pull_ref is still in the engine"
rm -rf "$work/pullctx"

# Once more, just before Berth starts: the Status column is the engine's text as of Berth's
# first listing ("Up 3 seconds"), so Berth must start right before containers.png.
if [ "$quiet_wait" -gt 0 ] && [ "$(foreign)" -gt 0 ]; then
	log "containers of other processes came meanwhile; waiting up to 30 s more"
	for ((i = 0; i < 15; i++)); do
		[ "$(foreign)" -gt 0 ] || break
		sleep 2
	done
fi

if [ -e "/tmp/.X${display#:}-lock" ] && kill -0 "$(tr -d ' ' <"/tmp/.X${display#:}-lock")" 2>/dev/null; then
	die "display $display is taken by another X server (set BERTH_SHOTS_DISPLAY)"
fi
log "starting Xvfb $display and a private session bus"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
echo $! >"$work/xvfb.pid"
for ((i = 0; i < 100; i++)); do
	xdotool getmouselocation >/dev/null 2>&1 && break
	sleep 0.05
done
if ! ours xvfb Xvfb >/dev/null || ! xdotool getmouselocation >/dev/null 2>&1; then
	die "Xvfb $display did not start (log: $work/xvfb.log)"
fi
rm -f "$bus"
dbus-daemon --session --fork --address="unix:path=$bus" --print-pid >"$work/dbus.pid" || die "dbus-daemon did not start"
export DBUS_SESSION_BUS_ADDRESS=unix:path=$bus
if [ "$lang" = ko ]; then
	export LANG=ko_KR.UTF-8 LC_ALL=ko_KR.UTF-8
else
	export LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8
fi
unset LANGUAGE
# Fresh preferences: what a first start looks like, and nothing of the user's.
export XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache XDG_DATA_HOME=$work/data
export BERTH_NO_TUTORIAL=1 # a fresh config would open the Getting started page over the window
unset BERTH_START_HIDDEN BERTH_TRACE_READY

# start_berth PIDNAME [ENV...] starts Berth and waits for its window; prints the window id.
start_berth() {
	local name=$1
	shift
	env "$@" "$work/berth-shots" >>"$work/$name.log" 2>&1 &
	echo $! >"$work/$name.pid"
	wait_window '^Berth$' 30 || die "Berth's window did not appear in 30 s (log: $work/$name.log)"
}

# fit_window puts the main window back to 1280x760 until it stays so, and lets Fyne lay the
# dialog out again in it (a dialog can grow the window past the screen while it fills in).
fit_window() {
	local i
	for ((i = 0; i < 10; i++)); do
		xdotool windowsize "$win" 1280 760
		sleep 1
		[ "$(xdotool getwindowgeometry "$win" | sed -n 's/.*Geometry: //p')" = 1280x760 ] && return 0
	done
	log "the window does not stay at 1280x760"
}

log "starting Berth on $display"
win=$(start_berth berth)
park
sleep 2 # the table follows the engine's events

# Coordinates below are the main window's (1280x760 at 0,0), read off screenshots; the
# dialogs are centred and have fixed sizes.
# dy: the main menu's bar (Help) above the tabs; the coordinates with +dy were read before
# the window had that bar.
dy=27
tab_containers=(65 48)
tab_images=(170 48)
if [ "$lang" = ko ]; then
	tab_containers=(60 48) # 컨테이너, 이미지: shorter titles
	tab_images=(150 48)
fi

log "1. containers.png"
# Fyne can grow the window past the screen while the first lists come in (a moment's large
# minimum size); back to the size Berth asks for.
xdotool windowsize "$win" 1280 760
# Under a loaded machine the first frame can take seconds: wait until the window is drawn.
for ((i = 0; i < 60; i++)); do
	import -window root -crop "$(geometry "$win")+0+0" +repage "$work/first.png"
	[ "$(convert "$work/first.png" -format '%[fx:mean > 0.02 ? 1 : 0]' info:)" = 1 ] && break
	sleep 0.5
done
sleep 1
shot "$out/containers.png" "$win"

if [ "$lang" = en ]; then
	log "2. images.png"
	click "${tab_images[@]}"
	park
	sleep 0.5
	shot "$out/images.png" "$win"
fi

run_dialog_shot() {
log "3. run-dialog.png: Ctrl+N, $web_src, webserver2, a port row 8081 -> 80"
click "${tab_containers[@]}"
park
run_port=$(free_port_from 8081)
xdotool key ctrl+n
sleep 0.8
type_text "$web_src" # the image field has the focus
sleep 1.2            # the dialog reads the image's exposed ports and fills a port row: 80 -> 80
# The dialog can grow the window past the screen while it fills in; back to 1280x760.
xdotool windowsize "$win" 1280 760
sleep 0.8
click 690 240 # Name
type_text webserver2
click 590 318 # Host port of the first row
xdotool key ctrl+a
type_text "$run_port"
click 756 318 # Container port
xdotool key ctrl+a
type_text 80
park
sleep 1 # the host port check is debounced
xdotool windowsize "$win" 1280 760 # again: it may have grown while the form filled in
sleep 0.8
shot "$out/run-dialog.png" "$win"
[ "$lang" = ko ] && return # Korean: the next shots close it
click 603 681 # Cancel
park
}
[ "$lang" = ko ] || run_dialog_shot

# Korean: the Korean README shows containers, the run dialog and the conflict (and the tray).
if [ "$lang" = en ] && [ "$pull" = 1 ]; then
log "4. pull-progress.png: Images, Pull…, $pull_ref"
click "${tab_images[@]}"
click 1237 $((61 + dy)) # Pull…
sleep 0.8
type_text "$pull_ref" # the image field has the focus
park

# bar_fill FRAME prints how full the pull dialog's overall bar is, in percent, or -1 if the
# frame has no bar. The bar spans x 250..1030 at y 244..277 (the dialog is 820x620, centred):
# row 247 holds no text; filled is #296FF6, the rest #20468E.
bar_fill() {
	convert "$1" -crop 820x1+230+247 +repage txt:- | awk '
		NR > 1 {
			split($2, c, /[(),]/) # (r,g,b)
			r = c[2] + 0; b = c[4] + 0
			if (b >= 224 && r < 64) full++
			else if (b >= 112 && b < 176 && r < 64) empty++
		}
		END { if (full + empty < 600) print -1; else printf "%d\n", 100 * full / (full + empty) }'
}

# pull_once N: Enter in the image field, frames as fast as xwd takes them (ten to fifteen a
# second here) until the image is in the engine. Prints "DISTANCE FRAME" for its frame whose
# bar is nearest 50%, among those between 10% and 90%; nothing if none is.
pull_once() {
	local dir=$work/frames/$1 i f pct best="" best_d=1000 d
	mkdir -p "$dir"
	(
		for ((i = 0; i < 200; i++)); do # at most 800 MB of frames
			[ ! -e "$dir/stop" ] || break
			xwd -root -silent -out "$dir/$(printf %04d $i).xwd"
		done
	) &
	local frames_pid=$!
	# A dialog can grow the window past the screen (and is centred in it); back to 1280x760 so
	# that the dialog sits where bar_fill and the clicks expect it.
	fit_window
	xdotool key Return
	for ((i = 0; i < 1200; i++)); do
		docker image inspect "$pull_ref" >/dev/null 2>&1 && break
		sleep 0.05
	done
	sleep 0.5
	touch "$dir/stop"
	wait $frames_pid
	docker image inspect "$pull_ref" >/dev/null 2>&1 || die "the pull of $pull_ref did not finish in 60 s"
	for f in "$dir"/*.xwd; do
		pct=$(bar_fill "$f")
		printf '%s %s\n' "${f##*/}" "$pct" >>"$dir/fill.txt"
		if [ "$pct" -lt 10 ] || [ "$pct" -gt 90 ]; then continue; fi
		d=$((pct > 50 ? pct - 50 : 50 - pct))
		if [ $d -lt $best_d ]; then best=$f best_d=$d; fi
	done
	log "pull $1: $(grep -c . "$dir/fill.txt") frames, bar at: $(awk '{printf "%s%% ", $2}' "$dir/fill.txt")"
	[ -z "$best" ] || echo "$best_d $best"
}

# Pull until a frame has the bar between 30% and 70%; after 5 pulls, take the frame nearest
# 50% of them all (between 10% and 90%).
rm -rf "$work/frames"
best="" best_d=1000
for attempt in 1 2 3 4 5; do
	r=$(pull_once "$attempt") # fails the script if the pull fails
	if [ -n "$r" ] && [ "${r%% *}" -lt "$best_d" ]; then
		best_d=${r%% *} best=${r#* }
	fi
	[ "$best_d" -gt 20 ] || break
	[ $attempt -lt 5 ] || break
	# Again: the pulled image goes, the dialog stays; Enter in its image field pulls again.
	docker rmi "$pull_ref" >/dev/null
	sleep 0.5
	fit_window
	click 640 182 # the image field
	park
done
[ -n "$best" ] || die "no frame caught the pull between 10% and 90% in 5 pulls (frames: $work/frames)"
convert "$best" -crop "$(geometry "$win")+0+0" +repage "$out/pull-progress.png"
log "wrote ${out#"$repo"/}/pull-progress.png (bar at $(bar_fill "$best")%)"
click 640 651 # Close
park
docker rmi "$pull_ref" >/dev/null
else
	click "${tab_images[@]}"
	park
fi

log "5. conflict.png: Images, remove $web_ref while $webserver uses it"
xdotool key ctrl+f
type_text berthshot/web
park
sleep 0.5
click 1150 $((138 + dy)) # the bin on the first (only) row, after Run… and the details button
park
xdotool windowsize "$win" 1280 760 # the question is centred: the window must not have grown
sleep 0.8
debug_shot confirm
click 690 446 # Remove, in the "Remove image" question
park
sleep 1 # the engine refuses: the conflict dialog
shot "$out/conflict.png" "$win"
debug_shot conflict
click 401 483 # Cancel
park
xdotool key ctrl+f Escape # the filter goes back to empty
if [ "$lang" = ko ]; then
	run_dialog_shot
	log "6. activity.png and tutorial.png in Korean: the Activity tab after the refused removal, Getting started"
	xdotool key Escape # the run dialog goes, nothing run
	sleep 0.5
	"$work/berth-shots" tab activity
	fit_window
	park
	sleep 1
	shot "$out/activity.png" "$win"
	"$work/berth-shots" tutorial
	tut=$(wait_window '^Docker ' 10) || die "the Getting started window did not open"
	xdotool windowmove "$tut" 0 0 windowraise "$tut"
	sleep 2
	shot "$out/tutorial.png" "$tut"
fi

if [ "$lang" = en ]; then
log "6. logs.png: a few requests to $webserver, then its Logs button"
for path in / /healthz / /favicon.ico /; do
	curl -s -o /dev/null -m 5 "http://127.0.0.1:$web_port$path" || die "$webserver does not answer on 127.0.0.1:$web_port"
done
click "${tab_containers[@]}"
xdotool key ctrl+f
type_text "$webserver"
park
sleep 0.5
click 1114 $((138 + dy)) # the Logs button (list icon) of the first (only) row: Actions starts at x=994, buttons 40 px apart
park
logs_win=$(wait_window '^Logs' 10) || die "the logs window did not open"
sleep 1.5
shot "$out/logs.png" "$logs_win"

if [ $offline = 1 ]; then
	log "7. offline.png: a second Berth at DOCKER_HOST=unix://$nothing_sock"
	stop berth berth-shots
	[ ! -e "$nothing_sock" ] || die "$nothing_sock exists; it must not (or use --no-offline)"
	win=$(start_berth berth-offline DOCKER_HOST="unix://$nothing_sock")
	park
	sleep 3 # the first connection attempt fails; the banner says so
	shot "$out/offline.png" "$win"
fi
fi # en

log "closing Berth, Xvfb and the session bus; removing the scene"
