#!/usr/bin/env bash
# Screenshots of the main window's other tabs and of the image and compose windows, from the
# real app under Xvfb (issues 11 and 12): Volumes (its file browser and Create…), Networks,
# Disk usage and its cleanup preview, the compose up dialog after an up and the stack as a group
# in Containers, an image's details with Push… and the registry search, Activity and Getting
# started. Each view is brought to the front with a command sent to the running Berth
# (`berth tab volumes`, `berth image REF push`, `berth compose FILE`, `berth tutorial`); what
# is inside a view (a row's button, Create…, Clean up…, Up) is clicked with xdotool.
#
#   scripts/screenshots-dashboard.sh [--out DIR] [--debug]   default docs/screenshots
#
# The scene, all named dashshot* and labelled berth.dashshots=1: two volumes (one with a few
# files), a network with a container attached, a container never started, a dangling image and an
# unused network (for the cleanup preview), a compose project "dashshot" (brought up by the
# compose up shot) and the tag localhost:5000/dashshot/web:1, pushed to the test registry.
# Everything but the registry's copy is removed at the end, and an earlier run's leftovers at
# the start. The cleanup preview is only looked at (Cancel): nothing is pruned.
# The clicks are at today's places in a 1280x760 main window and a 980x680 image window: after
# a layout change, run with --debug and look at the captures.
# --debug keeps a full-screen capture before each shot in the work directory.
# Environment: BERTH_SHOTS_DISPLAY (default :45).
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$PWD/docs/screenshots
debug=0
while [ $# -gt 0 ]; do
	case $1 in
	--out) out=$2; shift ;;
	--debug) debug=1 ;;
	*) printf 'usage: %s [--out DIR] [--debug]\n' "$0" >&2; exit 2 ;;
	esac
	shift
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
WAIT=30
work=$(mktemp -d /tmp/berth-dashshots.XXXXXX)
pids=()
label=berth.dashshots=1
web=localhost:5000/berthtest/web:1
tagged=localhost:5000/dashshot/web:1
project=dashshot
log() { printf 'screenshots-dashboard: %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }
# shellcheck source=scripts/xsession.sh
. scripts/xsession.sh

# remove_scene removes what this script makes (by label and name), never anything else.
remove_scene() {
	local ids
	ids=$(docker ps -aq --filter "label=$label"; docker ps -aq --filter "label=com.docker.compose.project=$project")
	[ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
	docker network rm dashshot-net dashshot-unused "${project}_default" >/dev/null 2>&1 || true
	docker volume rm dashshot-data dashshot-cache dashshot-new >/dev/null 2>&1 || true
	docker image rm "$tagged" >/dev/null 2>&1 || true # the tag only: $web keeps the image
	docker image rm $(docker image ls -q --filter "label=$label" --filter dangling=true) >/dev/null 2>&1 || true
}
trap 'stop_started; remove_scene; [ $debug = 1 ] && log "debug captures kept in $work" || rm -rf "$work"' EXIT

for tool in Xvfb xdotool import dbus-daemon docker go; do
	command -v "$tool" >/dev/null || fail "$tool is missing"
done
bash scripts/testenv.sh up >/dev/null
if ! docker image inspect "$web" >/dev/null 2>&1; then
	log "building the test images (go test -tags e2e -run '^TestImages\$' ./internal/testbed/)"
	go test -tags e2e -count=1 -run '^TestImages$' ./internal/testbed/ >"$work/testbed.log" 2>&1 ||
		{ tail -n 30 "$work/testbed.log" >&2; fail "internal/testbed could not build the test images"; }
fi
log "building Berth and berth-compose"
go build -o "$work/berth" .
go build -o "$work/berth-compose" ./cmd/berth-compose

remove_scene
log "creating the scene (label $label)"
docker volume create --label "$label" dashshot-data >/dev/null
docker volume create --label "$label" dashshot-cache >/dev/null
mkdir -p "$work/files/html/assets" "$work/files/conf"
printf '<h1>Hello from Berth</h1>\n' >"$work/files/html/index.html"
printf 'body { font-family: sans-serif; }\n' >"$work/files/html/assets/site.css"
printf 'listen 80\nroot /data/html\n' >"$work/files/conf/site.conf"
head -c 300000 /dev/urandom >"$work/files/backup.tar"
docker create --label "$label" --name dashshot-fill -v dashshot-data:/data "$web" >/dev/null
docker cp "$work/files/." dashshot-fill:/data/ >/dev/null
docker rm dashshot-fill >/dev/null
docker network create --label "$label" dashshot-net >/dev/null
docker run -d --label "$label" --name dashshot-web --network dashshot-net \
	-v dashshot-data:/data -v dashshot-cache:/cache -p 127.0.0.1:18280:80 "$web" >/dev/null
docker tag "$web" "$tagged"
# What the cleanup preview lists: a container that is not running, an image with no name (a
# commit of it, labelled, with no tag: dangling) and a network no container uses.
docker create --label "$label" --name dashshot-once "$web" >/dev/null
docker commit --change "LABEL $label" dashshot-once >/dev/null
docker network create --label "$label" dashshot-unused >/dev/null
mkdir -p "$work/stack"
cat >"$work/stack/compose.yaml" <<EOF
name: $project
services:
  web:
    image: $web
    ports: ["127.0.0.1:18281:80"]
    labels: ["$label"]
  api:
    image: $web
    depends_on: [web]
    labels: ["$label"]
EOF

export LANG=en_US.UTF-8 BERTH_NO_TUTORIAL=1 XDG_CONFIG_HOME=$work/config XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/fyne/io.github.berth" && chmod 700 "$XDG_RUNTIME_DIR"
# The volumes' helper image chosen already: Browse opens the files without asking.
printf '{"volumes.helperImage":"%s"}\n' "$web" >"$XDG_CONFIG_HOME/fyne/io.github.berth/preferences.json"
display=${BERTH_SHOTS_DISPLAY:-:45}
start_xvfb "${display#:}" BERTH_SHOTS_DISPLAY
start_session_bus
"$work/berth" >"$work/berth.log" 2>&1 &
pids+=($!)
wait_for "the main window" xdotool search --name '^Berth$'
main=$(xdotool search --name '^Berth$' | head -1)
W=1280 H=760
sleep 3

berth() { "$work/berth" "$@"; }
# window PATTERN: the ID of the newest window whose title matches PATTERN (waits for it;
# xdotool's regular expressions take no UTF-8 here: "Image — " cannot be in it).
window() {
	local w=""
	for _ in $(seq 100); do
		w=$(xdotool search --name "$1" 2>/dev/null | tail -1) && [ -n "$w" ] && break
		sleep 0.1
	done
	[ -n "$w" ] || fail "no window \"$1\" (see $work/berth.log)"
	echo "$w"
}
n=0
# capture FILE WIDTH HEIGHT: the screen's top left WIDTHxHEIGHT into $out/FILE.
capture() {
	n=$((n + 1))
	xdotool mousemove 1279 799 # no hover, no tooltip
	sleep 0.3
	[ $debug = 0 ] || import -window root "$work/debug-$n-$1"
	import -window root -crop "$2x$3+0+0" +repage "$out/$1"
	log "wrote ${out#"$PWD"/}/$1"
}
# main_shot FILE HEIGHT: the main window, its top HEIGHT pixels (the window grows past the screen
# when a dialog opens, and the dialog then sits in the middle of that: size it again first).
main_shot() {
	front "$main" $W $H
	sleep 1
	capture "$1" $W "$2"
}
# front WIN WIDTH HEIGHT: WIN at 0,0 in that size, above the others (the main window asks
# for more height than the screen has, and gets it, until it is resized).
front() { xdotool windowsize "$1" "$2" "$3" windowmove "$1" 0 0 windowraise "$1"; }
click() { xdotool mousemove "$1" "$2" click "${3:-1}"; sleep 0.5; }

# --- the main window's tabs -------------------------------------------------------------------
berth tab volumes
front "$main" $W $H
sleep 4 # the sizes come from a disk-usage call
main_shot volumes.png 420

# dashshot-data's Browse button (the volumes are sorted by name: it is the second row).
click 1152 205
sleep 2
main_shot volumes-browse.png $H
click 844 598 # Close
sleep 0.5

click 1227 89 # Create…
sleep 1
xdotool type --delay 40 "dashshot-new"
sleep 2 # the dialog lays itself out again once
main_shot volumes-create.png $H
click 760 474 # Cancel
click 760 551 # Cancel, where it was before that (or nothing)
sleep 0.5

berth tab networks
front "$main" $W $H
sleep 2
main_shot networks.png 520

berth tab disk
front "$main" $W $H
sleep 8 # docker system df
main_shot disk-usage.png $H
click 64 680 # Clean up…
sleep 3
main_shot cleanup-preview.png $H
xdotool key Escape # Cancel: nothing is removed
sleep 0.5

# --- compose up, then the stack in Containers ---------------------------------------------------
berth compose "$work/stack/compose.yaml"
front "$main" $W $H
sleep 4 # compose's loader reads the file
click 736 682 # Up
for _ in $(seq 60); do
	[ "$(docker ps -q --filter "label=com.docker.compose.project=$project" | wc -l)" = 2 ] && break
	sleep 0.5
done
[ "$(docker ps -q --filter "label=com.docker.compose.project=$project" | wc -l)" = 2 ] ||
	fail "compose up did not bring $project up (the Up button moved? see $work/berth.log)"
sleep 3
main_shot compose-up.png $H
xdotool key Escape
sleep 0.5
berth tab containers
front "$main" $W $H
sleep 1
xdotool key ctrl+f
xdotool type --delay 40 "dashshot"
sleep 2
main_shot compose-group.png 420
xdotool key ctrl+a BackSpace

# --- an image's details -------------------------------------------------------------------------
berth image "$tagged"
img=$(window "dashshot/web:1\$")
front "$img" 980 680
sleep 3
capture image-details.png 980 680
berth image "$tagged" push
sleep 2
click 530 542 # Push
sleep 5
capture image-push.png 980 680
xdotool key Escape
sleep 0.5
berth image "$tagged" search
sleep 1
xdotool key Return # the query field has the focus: search
sleep 3
capture image-search.png 980 680
xdotool key Escape
xdotool key ctrl+w
sleep 0.5

# --- Activity, Getting started ------------------------------------------------------------------
berth tab activity
front "$main" $W $H
sleep 1
berth tab activity # once more: the first one sometimes lands while the image window goes
sleep 1
main_shot activity.png 420
berth tutorial
tut=$(window "^Getting started with Docker\$")
xdotool windowmove "$tut" 0 0 windowraise "$tut"
sleep 3
# As large as the page wants, within the screen.
read -r tw th < <(xdotool getwindowgeometry "$tut" | awk -F'[ x]+' '/Geometry:/ {print $3, $4}')
capture tutorial.png $((tw < 1280 ? tw : 1280)) $((th < 800 ? th : 800))
