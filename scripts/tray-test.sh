#!/usr/bin/env bash
# Berth's real system tray test: Berth under Xvfb, on a private D-Bus session bus, with a real
# StatusNotifierWatcher and a real tray host, against the real Docker engine.
#
#   scripts/tray-test.sh                run the test (exits non-zero on failure)
#   scripts/tray-test.sh --screenshot   also screenshot the open tray menu into
#                                       docs/screenshots/tray.png (about 20 s more)
#   scripts/tray-test.sh --screenshot --lang ko
#                                       only the screenshot, with Berth in Korean, into
#                                       docs/screenshots/ko/tray.png (the checks want English)
#
# What it checks, over D-Bus as a tray host sees it:
#   1. Berth registers its StatusNotifierItem with the watcher (RegisteredStatusNotifierItems).
#   2. Its menu (com.canonical.dbusmenu GetLayout) lists the test's running containers, each
#      with Stop, Restart and "Open … in browser" for its published port, and exactly one quit
#      item, "Quit Berth" (Fyne adds no second one).
#   3. `docker stop` of one container takes it out of the menu (the store's events drive it),
#      without a notification; a container killed behind the engine's back (exit 137) is
#      notified (a dbus-monitor records the org.freedesktop.Notifications calls).
#   4. Clicking "Restart" in the tray (dbusmenu Event) restarts the container in the engine.
#   5. Clicking "Start at login" writes the XDG autostart entry.
#   6. When the engine goes away (the test cuts Berth's socket proxy to it) the icon greys out
#      and the menu says "Engine not reachable"; when it is back, so are the icon and the menu.
#      Both changes are notified.
#   7. Clicking "Quit Berth" ends Berth cleanly (exit 0, no panic).
#   8. Without a session bus Berth still runs and quits cleanly on SIGTERM (no tray, no panic).
# With --screenshot it also shoots the open tray menu, submenus open, into docs/screenshots/tray.png.
#
# Needs root on Debian 12 for apt-get (packages are installed only when missing) and the Docker
# engine (scripts/testenv.sh starts it if it does not answer). Uses X display :23 and a D-Bus
# session bus of its own; everything it starts is stopped, and every container and image it
# made is removed, when it exits.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DISPLAY_NUM=${BERTH_TRAY_DISPLAY:-23}
PACKAGES="xvfb xdotool imagemagick dbus libglib2.0-bin haskell-status-notifier-item-utils haskell-gtk-sni-tray-utils python3"
WAIT=20 # seconds for anything to happen before the test fails
SHOT=$repo/docs/screenshots/tray.png

screenshot=false
lang=""
next_is_lang=false
for a in "$@"; do
	if $next_is_lang; then
		lang=$a
		next_is_lang=false
		continue
	fi
	case $a in
	--screenshot) screenshot=true ;;
	--lang) next_is_lang=true ;;
	-h | --help)
		sed -n '2,10s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*)
		echo "tray-test: unknown option $a (try --help)" >&2
		exit 2
		;;
	esac
done

case $lang in
"" | en) lang="" ;;
ko)
	$screenshot || { echo "tray-test: --lang ko takes only the screenshot: add --screenshot" >&2; exit 2; }
	SHOT=$repo/docs/screenshots/ko/tray.png
	export LANGUAGE=ko
	;;
*)
	echo "tray-test: --lang wants en or ko" >&2
	exit 2
	;;
esac

log() { printf 'tray-test: %s\n' "$*" >&2; }
fail() {
	printf 'tray-test: FAIL: %s\n' "$*" >&2
	if [ -s "${work:-/nonexistent}/berth.log" ]; then
		printf -- '--- berth log (last 30 lines) ---\n' >&2
		tail -n 30 "$work/berth.log" >&2
	fi
	exit 1
}

# --- packages -------------------------------------------------------------------------------

# shellcheck source=scripts/xsession.sh
. "$repo/scripts/xsession.sh"
# shellcheck disable=SC2086 # package names, one per word
install_missing $PACKAGES

if ! docker info >/dev/null 2>&1; then
	log "the Docker engine does not answer: starting it with scripts/testenv.sh engine"
	bash "$repo/scripts/testenv.sh" engine
fi

# --- clean-up -------------------------------------------------------------------------------

work=$(mktemp -d /tmp/berth-tray.XXXXXX)
pids=()       # processes this script started, stopped in reverse order
containers=() # containers this script made
image=""
cleanup() {
	local rc=$?
	stop_started
	if [ ${#containers[@]} -gt 0 ]; then
		docker rm -f "${containers[@]}" >/dev/null 2>&1 || true
	fi
	if [ -n "$image" ]; then
		docker rmi "$image" >/dev/null 2>&1 || true
	fi
	rm -rf "$work"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build: Berth and a tiny web server image -----------------------------------------------

log "building Berth"
(cd "$repo" && go build -o "$work/berth" .) || fail "go build"

log "building the test image"
mkdir -p "$work/image"
(cd "$repo" && CGO_ENABLED=0 go build -trimpath -ldflags=-s -o "$work/image/web" ./testdata/webserver) || fail "go build webserver"
printf 'FROM scratch\nCOPY web /web\nEXPOSE 80\nENTRYPOINT ["/web"]\n' >"$work/image/Dockerfile"
image="berthtray-web:$$"
DOCKER_BUILDKIT=0 docker build -q -t "$image" "$work/image" >/dev/null || fail "docker build"

alpha="berthtray-$$-alpha"
beta="berthtray-$$-beta"
crash="berthtray-$$-crash"
for c in "$alpha" "$beta" "$crash"; do
	containers+=("$c")
	docker run -d --name "$c" -p 127.0.0.1::80 "$image" >/dev/null || fail "docker run $c"
done
alpha_port=$(docker port "$alpha" 80/tcp | head -n1 | sed 's/.*://')
[ -n "$alpha_port" ] || fail "no published port for $alpha"

# --- X, D-Bus, the watcher and the tray host ------------------------------------------------

export LANG=en_US.UTF-8 NO_AT_BRIDGE=1
export BERTH_NO_TUTORIAL=1 # a fresh config opens Getting started, which would stand behind the menu in the shot
start_xvfb "$DISPLAY_NUM" BERTH_TRAY_DISPLAY
start_session_bus
# No notification daemon runs on this bus, but a monitor sees every Notify call Berth makes.
dbus-monitor --session "interface='org.freedesktop.Notifications',member='Notify'" >"$work/notify.log" 2>&1 &
pids+=($!)
notified() { grep -F -- "$1" "$work/notify.log" >/dev/null; }

has_owner() {
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner "string:$1" | grep 'boolean true' >/dev/null
}
status-notifier-watcher >"$work/watcher.log" 2>&1 &
pids+=($!)
wait_for "the StatusNotifierWatcher" has_owner org.kde.StatusNotifierWatcher

gtk-sni-tray-standalone --bottom --end --size 32 >"$work/host.log" 2>&1 &
pids+=($!)
host_registered() {
	dbus-send --session --print-reply --dest=org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
		org.freedesktop.DBus.Properties.Get string:org.kde.StatusNotifierWatcher string:IsStatusNotifierHostRegistered |
		grep 'boolean true' >/dev/null
}
wait_for "the tray host" host_registered

# --- Berth ----------------------------------------------------------------------------------

# Berth reaches the engine through a socket proxy of this script's, so that the test can make
# the engine go away and come back without touching the shared engine.
cat >"$work/proxy.py" <<'EOF_PROXY'
import os, socket, sys, threading
listen, target = sys.argv[1], sys.argv[2]
if os.path.exists(listen):
    os.unlink(listen)
srv = socket.socket(socket.AF_UNIX)
srv.bind(listen)
srv.listen(64)
def pipe(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    for s in (a, b):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
while True:
    c, _ = srv.accept()
    u = socket.socket(socket.AF_UNIX)
    try:
        u.connect(target)
    except OSError:
        c.close()
        continue
    threading.Thread(target=pipe, args=(c, u), daemon=True).start()
    threading.Thread(target=pipe, args=(u, c), daemon=True).start()
EOF_PROXY
engine_sock=${DOCKER_HOST:-unix:///var/run/docker.sock}
engine_sock=${engine_sock#unix://}
start_proxy() {
	python3 "$work/proxy.py" "$work/docker.sock" "$engine_sock" &
	proxy=$!
	pids+=("$proxy")
	wait_for "the engine proxy" test -S "$work/docker.sock"
}
start_proxy

mkdir -p "$work/config" "$work/cache"
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
log "starting Berth on $DISPLAY with a private session bus"
DOCKER_HOST="unix://$work/docker.sock" "$work/berth" >"$work/berth.log" 2>&1 &
berth=$!
berth_started=$SECONDS
pids+=("$berth")

# The D-Bus name of Berth's StatusNotifierItem, from the watcher's list.
berth_item() {
	local names n pid
	names=$(dbus-send --session --print-reply --dest=org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
		org.freedesktop.DBus.Properties.Get string:org.kde.StatusNotifierWatcher string:RegisteredStatusNotifierItems |
		sed -n 's/.*string "\([^"]*\)".*/\1/p')
	for n in $names; do
		n=${n%%/*}
		pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
			org.freedesktop.DBus.GetConnectionUnixProcessID "string:$n" 2>/dev/null | sed -n 's/.*uint32 //p')
		if [ "$pid" = "$berth" ]; then
			echo "$n"
			return 0
		fi
	done
	return 1
}
wait_for "Berth's StatusNotifierItem to register" berth_item
item=$(berth_item)
log "registered: $item"

menu_path=$(gdbus call --session --dest "$item" --object-path /StatusNotifierItem \
	--method org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierItem Menu | sed -n "s/.*'\(\/[^']*\)'.*/\1/p")
[ -n "$menu_path" ] || fail "the item has no Menu path"

# menu: the dbusmenu layout as lines "id<TAB>path" (labels joined with " > ";
# disabled items get "(…)", separators are left out). Fyne rebuilds the whole menu item by item
# when it changes (Berth at most once a second), so a fetch can see half a menu: only a layout
# that two fetches, 150 ms apart, agree on is returned.
menu() {
	local a b tries=0
	a=$(menu_once)
	while :; do
		sleep 0.15
		b=$(menu_once)
		if [ "$a" = "$b" ] || [ $((tries += 1)) -ge 20 ]; then
			printf '%s\n' "$b"
			return
		fi
		a=$b
	done
}
menu_once() {
	LC_ALL=C.UTF-8 gdbus call --session --dest "$item" --object-path "$menu_path" \
		--method com.canonical.dbusmenu.GetLayout -- 0 -1 '[]' | PYTHONIOENCODING=utf-8 python3 -c '
import ast, re, sys
text = sys.stdin.read()
# GVariant text to a Python literal: drop type annotations and variant brackets.
text = re.sub(r"@a\{sv\} |@av |uint32 |int32 ", "", text)
text = text.replace("<", "").replace(">", "").replace("true", "True").replace("false", "False")
_, root = ast.literal_eval(text)
def walk(node, path):
    nid, props, children = node
    if props.get("type") == "separator":
        return
    label = props.get("label", "")
    if props.get("enabled") is False:
        label = "(" + label + ")"
    here = path + [label] if nid != 0 else path
    if nid != 0:
        print("%d\t%s" % (nid, " > ".join(here)))
    for c in children:
        walk(c, here)
walk(root, [])
'
}
# click PATH CHECK...: click the item at PATH (a dbusmenu "clicked" event) until CHECK succeeds.
# Fyne rebuilds the tray menu with new item IDs whenever it changes, so a click that raced
# with a change is lost ("no menu item with ID …") and is sent again.
click() {
	local path=$1 id deadline=$((SECONDS + WAIT)) until
	shift
	while :; do
		id=$(menu | awk -F'\t' -v p="$path" '$2 == p { print $1; exit }')
		if [ -z "$id" ]; then
			[ $SECONDS -lt $deadline ] || fail "no menu item \"$path\" in:
$(menu | cut -f2)"
			sleep 0.2
			continue
		fi
		gdbus call --session --dest "$item" --object-path "$menu_path" --method com.canonical.dbusmenu.Event \
			-- "$id" clicked '<"">' 0 >/dev/null 2>&1 || true
		until=$((SECONDS + 3))
		while [ $SECONDS -lt $until ]; do
			"$@" >/dev/null 2>&1 && return 0
			sleep 0.1
		done
		[ $SECONDS -lt $deadline ] || fail "clicking \"$path\" had no effect"
		log "clicking \"$path\" again"
	done
}
menu_has() { menu | cut -f2 | grep -xF "$1" >/dev/null; }
menu_lacks() { ! menu_has "$1"; }

# Screenshot first, before this script's own D-Bus calls (each gdbus/dbus-send is a new bus
# client, and this tray host tends to show submenus empty after such traffic): open the menu with
# a click on the icon, then the Containers submenu and the first container's.
if $screenshot; then
	mkdir -p "$(dirname "$SHOT")"
	read -r sw sh < <(xdotool getdisplaygeometry)
	# Let the start settle: the host fetched the menu while Berth was still building it.
	while [ $((SECONDS - berth_started)) -lt 3 ]; do sleep 0.2; done
	# Unmap Berth's window (there is no window manager to minimise it) so that the shot shows the
	# tray and its menu only, not whatever other tests have running on the shared engine.
	for w in $(xdotool search --onlyvisible --name '^Berth$'); do xdotool windowunmap "$w"; done
	# The shot: the menu, its Containers submenu and the first container's submenu. This tray host
	# (gtk-sni-tray) sometimes shows a submenu empty, though the layout Berth serves over D-Bus is
	# complete (checked below); other tests changing the shared engine also make Berth rebuild the
	# menu while it is open. So open the menu a few times, shoot it with two and with three levels
	# open, keep the three-level shot that shows the most menu, and fall back to two levels if no
	# third level ever showed its items.
	white() { convert "$1" -fill black +opaque white -format '%[fx:int(mean*w*h)]' info:; }
	best2=-1
	best3=-1
	for i in 1 2 3 4 5 6; do
		xdotool mousemove $((sw - 16)) $((sh - 16)) click 1
		sleep 0.8
		# "Containers" is the 4th row from the bottom of this host's menu.
		xdotool mousemove $((sw - 150)) $((sh - 126))
		sleep 0.8
		import -window root "$work/full.png"
		convert "$work/full.png" -crop 1100x300+$((sw - 1100))+$((sh - 300)) +repage "$work/two$i.png" || fail "screenshot"
		# Along the same row into the submenu, onto its first container.
		xdotool mousemove $((sw - 320)) $((sh - 126))
		sleep 1.2
		import -window root "$work/full.png"
		convert "$work/full.png" -crop 1100x300+$((sw - 1100))+$((sh - 300)) +repage "$work/three$i.png" || fail "screenshot"
		xdotool key Escape Escape Escape Escape
		w2=$(white "$work/two$i.png")
		w3=$(white "$work/three$i.png")
		if [ "$w2" -gt "$best2" ]; then best2=$w2; cp "$work/two$i.png" "$work/best2.png"; fi
		if [ "$w3" -gt "$best3" ]; then best3=$w3; cp "$work/three$i.png" "$work/best3.png"; fi
		if [ -n "${BERTH_TRAY_SHOTS:-}" ]; then cp "$work/two$i.png" "$work/three$i.png" "$BERTH_TRAY_SHOTS/"; fi
		sleep 0.3
	done
	# A third level with its items adds thousands of white pixels; an empty one, a thin bar.
	if [ "$best3" -gt $((best2 + 5000)) ]; then
		cp "$work/best3.png" "$SHOT"
	else
		cp "$work/best2.png" "$SHOT"
		log "this tray host showed the containers' submenus empty: the screenshot shows two levels"
	fi
	log "screenshot: $SHOT"
	if [ -n "$lang" ]; then
		log "Korean: the screenshot only (the checks below read the English menu)"
		exit 0
	fi
fi

# 2. The menu lists the running containers.
wait_for "$alpha and $beta in the tray menu" menu_has "Containers > $beta"
wait_for "$alpha in the tray menu" menu_has "Containers > $alpha"
for want in "Open Berth" "Containers > $alpha > Stop" "Containers > $alpha > Restart" \
	"Containers > $alpha > Open 127.0.0.1:$alpha_port in browser" "Run image…" "Start at login" "Quit Berth"; do
	menu_has "$want" || fail "no \"$want\" in the tray menu:
$(menu | cut -f2)"
done
menu | cut -f2 | grep '^(Engine running · [0-9]* of [0-9]* containers\? up)$' >/dev/null ||
	fail "no status line in the tray menu:
$(menu | cut -f2)"
quits=$(menu | cut -f2 | grep -c -i 'quit' || true)
[ "$quits" = 1 ] || fail "$quits quit items in the tray menu (want exactly one):
$(menu | cut -f2)"
log "the menu lists the containers, with one quit item"


# 3. docker stop takes a container out of the menu.
docker stop -t 2 "$beta" >/dev/null || fail "docker stop $beta"
wait_for "$beta to leave the tray menu after docker stop" menu_lacks "Containers > $beta"
menu_has "Containers > $alpha" || fail "$alpha left the menu too"
log "docker stop: the menu followed"

# 3b. A container that dies on its own with an error is notified; one that was stopped is not.
pid=$(docker inspect -f '{{.State.Pid}}' "$crash")
kill -KILL "$pid"
wait_for "a notification that $crash stopped with an error" notified "string \"$crash stopped with an error\""
notified "exited with code 137" || fail "the notification does not give the exit code: $(cat "$work/notify.log")"
! notified "$beta" || fail "docker stop of $beta was notified as an error: $(cat "$work/notify.log")"
log "notifications: the crash of $crash told, the stop of $beta not"

# 4. Restart from the tray.
started=$(docker inspect -f '{{.State.StartedAt}}' "$alpha")
restarted() { [ "$(docker inspect -f '{{.State.Running}} {{.State.StartedAt}}' "$alpha")" != "true $started" ] &&
	[ "$(docker inspect -f '{{.State.Running}}' "$alpha")" = true ]; }
click "Containers > $alpha > Restart" restarted
! notified "$alpha" || fail "the tray's Restart of $alpha was notified as an error: $(cat "$work/notify.log")"
log "Restart from the tray: restarted (and not notified)"

# 5. Start at login.
click "Start at login" test -s "$XDG_CONFIG_HOME/autostart/io.github.berth.desktop"
grep -q '^Exec=.*berth --hidden$' "$XDG_CONFIG_HOME/autostart/io.github.berth.desktop" ||
	fail "autostart entry: $(cat "$XDG_CONFIG_HOME/autostart/io.github.berth.desktop")"
log "Start at login: entry written"

# 6. The engine goes away and comes back: the icon greys out (no blue whale in the pixmap) and
# the status line says so; then both come back.
blue_pixels() {
	LC_ALL=C.UTF-8 gdbus call --session --dest "$item" --object-path /StatusNotifierItem \
		--method org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierItem IconPixmap | python3 -c '
import re, sys
b = [int(x, 16) for x in re.findall(r"0x([0-9a-f]{2})", sys.stdin.read())]
# ARGB, network byte order: count opaque pixels that are clearly blue.
print(sum(1 for i in range(0, len(b) - 3, 4) if b[i] > 128 and b[i + 3] > b[i + 1] + 60))
'
}
icon_blue() { [ "$(blue_pixels)" -gt 100 ]; }
icon_grey() { [ "$(blue_pixels)" -eq 0 ]; }
icon_blue || fail "the tray icon is not the blue whale while the engine answers ($(blue_pixels) blue pixels)"
kill "$proxy"
wait "$proxy" 2>/dev/null || true
rm -f "$work/docker.sock"
wait_for "the status line to say the engine is not reachable" menu_has "(Engine not reachable)"
wait_for "the tray icon to grey out" icon_grey
menu_has "Reconnect now" || fail "no Reconnect now item while the engine is not reachable"
wait_for "a notification that the engine is not reachable" notified 'string "Docker engine not reachable"'
log "engine gone: icon greyed out, menu says so, notified"
start_proxy
wait_for "the engine to be back in the tray" menu_has "Containers > $alpha"
wait_for "the tray icon to turn blue again" icon_blue
wait_for "a notification that the engine is back" notified 'string "Docker engine is back"'
log "engine back: icon and menu restored, notified"

# 7. Quit from the tray.
gone() { ! kill -0 "$berth" 2>/dev/null; }
click "Quit Berth" gone
rc=0
wait "$berth" || rc=$?
[ "$rc" = 0 ] || fail "Berth exited with status $rc after Quit Berth"
if grep -q -e 'panic' -e 'nil pointer' "$work/berth.log"; then fail "Berth panicked on quit"; fi
log "Quit Berth: exited cleanly"

# 8. No session bus: no tray, and SIGTERM still quits cleanly.
DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus" "$work/berth" >"$work/berth.log" 2>&1 &
berth=$!
pids+=("$berth")
wait_for "Berth's window without a session bus" xdotool search --onlyvisible --name '^Berth$'
# (scripts/sigterm-test.sh sends SIGTERM at once and with the pointer moving over the window.)
kill -TERM "$berth"
wait_for "Berth to quit on SIGTERM" gone
rc=0
wait "$berth" || rc=$?
[ "$rc" = 0 ] || fail "Berth without a session bus exited with status $rc"
if grep -q -e 'panic' -e 'nil pointer' "$work/berth.log"; then fail "Berth without a session bus panicked"; fi
log "no session bus: ran without a tray and quit cleanly"

log "PASS"
