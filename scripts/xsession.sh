# Shared by the scripts that run Berth under Xvfb (tray-test.sh, sigterm-test.sh); source it.
# The caller defines log and fail (which exits), $WAIT (seconds), $work (its temporary directory)
# and the array pids (processes it started, stopped in reverse order by stop_started).

# install_missing PACKAGE...: apt-get install the Debian packages that are not installed.
install_missing() {
	local p missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep '^install ok installed$' >/dev/null || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	[ "$(id -u)" = 0 ] || fail "missing packages (${missing[*]}) and not root"
	log "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null ||
		{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; } ||
		fail "apt-get install ${missing[*]}"
}

# stop_started stops what the caller started (pids, in reverse order) and the session bus.
stop_started() {
	local i
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		kill "${pids[i]}" 2>/dev/null || true
	done
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		wait "${pids[i]}" 2>/dev/null || true
	done
	if [ -s "$work/dbus.pid" ]; then
		kill "$(cat "$work/dbus.pid")" 2>/dev/null || true
	fi
}

# wait_for WHAT CMD...: run CMD until it succeeds, for at most $WAIT seconds.
wait_for() {
	local what=$1 deadline=$((SECONDS + WAIT))
	shift
	until "$@" >/dev/null 2>&1; do
		[ $SECONDS -lt $deadline ] || fail "timed out waiting for $what"
		sleep 0.1
	done
}

# start_xvfb NUM VAR: start Xvfb on display :NUM (VAR is the variable that chooses another) and
# export DISPLAY.
start_xvfb() {
	local num=$1 var=$2 lock="/tmp/.X$1-lock" xvfb
	export DISPLAY=":$num"
	if [ -e "$lock" ]; then
		if kill -0 "$(tr -d ' ' <"$lock")" 2>/dev/null; then
			fail "display $DISPLAY is in use (pid $(tr -d ' ' <"$lock")); set $var to another number"
		fi
		rm -f "$lock" "/tmp/.X11-unix/X$num"
	fi
	Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
	xvfb=$!
	pids+=("$xvfb")
	wait_for "Xvfb on $DISPLAY" xdotool getdisplaygeometry
	sleep 0.2
	kill -0 "$xvfb" 2>/dev/null || fail "Xvfb exited: $(cat "$work/xvfb.log")"
}

# start_session_bus: a private D-Bus session bus (without one, Fyne's systray panics on quit).
start_session_bus() {
	dbus-daemon --session --fork --nopidfile --address="unix:path=$work/bus" --print-pid=3 3>"$work/dbus.pid" ||
		fail "dbus-daemon"
	export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/bus"
}
