#!/usr/bin/env bash
# Start-up time, idle CPU and memory of Berth against a bare Fyne window (bench/minimal), both
# run by this script under the same Xvfb, one at a time. See bench/README.md.
#
#   bench/window.sh [options]
#
#   --containers N     containers the engine must hold (created, not started, labelled
#                      berth.bench=1); default 1000, or 100 with --hidden
#   --rounds N         start-up rounds, each starting the minimal window then Berth; default 5,
#                      or 0 with --hidden
#   --idle-seconds S   length of each idle sample; default 60
#   --settle S         wait after a program is ready before the idle sample; default 5
#   --hidden           also measure Berth started hidden to the tray (BERTH_START_HIDDEN=1),
#                      with status-notifier-watcher on the private session bus
#   --keep             keep the benchmark containers (the next run reuses them)
#   --display :N       the Xvfb display to use (started if it does not answer); default :31
#   --berth-bin PATH   measure this binary instead of building Berth (testing the script)
#   --berth-title T    window title of that binary; default Berth
#
# Prints each measurement as it goes and a Markdown report at the end, also written to
# bench/window.out. Goals are reported, never enforced: the exit status is non-zero only
# when something could not be measured.
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

containers="" rounds="" idle_seconds=60 settle=5 hidden=0 keep=0 display=:31
berth_bin="" berth_title=Berth
build_wait=${BERTH_BUILD_WAIT:-180} # seconds to keep retrying a broken Berth build
usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }
need() { [ $# -ge 2 ] || { echo "window.sh: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
	case $1 in
	--containers) need "$@"; containers=$2; shift ;;
	--rounds) need "$@"; rounds=$2; shift ;;
	--idle-seconds) need "$@"; idle_seconds=$2; shift ;;
	--settle) need "$@"; settle=$2; shift ;;
	--hidden) hidden=1 ;;
	--keep) keep=1 ;;
	--display) need "$@"; display=$2; shift ;;
	--berth-bin) need "$@"; berth_bin=$2; shift ;;
	--berth-title) need "$@"; berth_title=$2; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "window.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
if [ $hidden = 1 ]; then : "${containers:=100}" "${rounds:=0}"; else : "${containers:=1000}" "${rounds:=5}"; fi
for v in "$containers" "$rounds" "$idle_seconds" "$settle"; do
	[[ $v =~ ^[0-9]+$ ]] || { echo "window.sh: not a whole number: $v" >&2; exit 2; }
done
[[ $display =~ ^:[0-9]+$ ]] || { echo "window.sh: --display wants :N" >&2; exit 2; }

log() { printf 'window.sh: %s\n' "$*" >&2; }
die() { printf 'window.sh: ERROR: %s\n' "$*" >&2; exit 1; }

bin=$repo/.bench
run=$bin/run # this run's state: session bus, XDG dirs, logs
out=$repo/bench/window.out
image=localhost:5000/berthtest/web:1
label=berth.bench=1
failures=0
notes=()
note() { notes+=("$*"); log "note: $*"; }

xvfb_pid="" dbus_pid="" watcher_pid=""
cleanup() {
	local rc=$?
	[ -z "$watcher_pid" ] || kill "$watcher_pid" 2>/dev/null || true
	[ -z "$dbus_pid" ] || kill "$dbus_pid" 2>/dev/null || true
	[ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
	if [ $keep = 0 ] && command -v docker >/dev/null; then
		local ids
		ids=$(docker ps -aq --filter "label=$label" 2>/dev/null || true)
		if [ -n "$ids" ]; then
			log "removing $(wc -l <<<"$ids") benchmark containers (--keep keeps them)"
			xargs -r -n 50 -P 4 docker rm -f >/dev/null 2>&1 <<<"$ids" || true
		fi
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# --- engine, image, containers ------------------------------------------------------------------

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

bash scripts/testenv.sh up

if ! docker image inspect "$image" >/dev/null 2>&1; then
	log "$image is not local: pulling it, or building it with internal/testbed"
	docker pull -q "$image" >/dev/null 2>&1 ||
		go test -count=1 -run '^TestImages$' ./internal/testbed/ >&2 ||
		die "could not get $image"
fi

ensure_containers() {
	local have ids t0 try
	for try in 1 2 3; do
		have=$(docker ps -aq --filter "label=$label" | wc -l)
		if [ "$have" -lt "$containers" ]; then
			log "creating $((containers - have)) containers from $image ($have exist; 8 at a time)"
			t0=$(date +%s)
			# Names outside testbed's "berthtest-" prefix: test processes sweep those.
			seq "$((have + 1))" "$containers" |
				xargs -P 8 -I{} docker create -q --label "$label" --name "berthbench-$$-$try-{}" "$image" >/dev/null ||
				log "some docker create failed"
			log "created in $(($(date +%s) - t0)) s"
		elif [ "$have" -gt "$containers" ]; then
			log "removing $((have - containers)) surplus benchmark containers ($have exist)"
			ids=$(docker ps -aq --filter "label=$label" | tail -n +"$((containers + 1))")
			xargs -r -n 50 -P 4 docker rm -f >/dev/null <<<"$ids"
		fi
		have=$(docker ps -aq --filter "label=$label" | wc -l)
		[ "$have" -ne "$containers" ] || return 0
		log "wanted $containers benchmark containers, the engine has $have: is another process (bench/engine.sh?) creating or removing $label containers? Trying again"
	done
	die "wanted $containers benchmark containers, the engine has $have"
}
ensure_containers
total=$(docker ps -aq | wc -l)

# --- binaries -----------------------------------------------------------------------------------

mkdir -p "$bin"
log "building .bench/minimal and .bench/procstat"
go build -o "$bin/minimal" ./bench/minimal
go build -o "$bin/procstat" ./bench/procstat
if [ -z "$berth_bin" ]; then
	log "building .bench/berth"
	waited=0
	until go build -o "$bin/berth" . 2>"$bin/build.err"; do
		cat "$bin/build.err" >&2
		[ "$waited" -lt "$build_wait" ] || die "Berth does not build (gave up after ${waited} s)"
		log "Berth does not build (someone may be mid-edit); retrying in 30 s"
		sleep 30
		waited=$((waited + 30))
	done
	berth_bin=$bin/berth
fi
[ -x "$berth_bin" ] || die "no executable $berth_bin"
berth_bin=$(realpath "$berth_bin")

# Berth prints "berth-ready rows=N" (BERTH_TRACE_READY=1) once its table shows the engine's
# containers. A binary without that string cannot print it: don't wait for it then.
if grep -qa 'berth-ready' "$berth_bin"; then
	ready_impl=1
else
	ready_impl=0
	note "this Berth binary does not print \"berth-ready rows=N\" yet: its start time is the time its window is mapped, which may be before the list of containers shows."
fi

# --- display, session bus, environment ----------------------------------------------------------

rm -rf "$run"
mkdir -p "$run/logs" "$run/config" "$run/cache"
export DISPLAY=$display
if xdotool getdisplaygeometry >/dev/null 2>&1; then
	log "display $display answers already (not started by this script)"
	note "display $display was already running; other windows on it may cost CPU."
else
	log "starting Xvfb $display (1280x800x24)"
	# -noreset: no server reset (and re-centred pointer) each time the last client leaves.
	Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >"$run/xvfb.log" 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 100); do
		xdotool getdisplaygeometry >/dev/null 2>&1 && break
		kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb $display did not start: $(tail -3 "$run/xvfb.log")"
		sleep 0.1
	done
	xdotool getdisplaygeometry >/dev/null 2>&1 || die "Xvfb $display does not answer"
fi

# A private session bus: without one, fyne.io/systray panics on quit.
dbus_pid=$(dbus-daemon --session --fork --print-pid --address="unix:path=$run/bus") ||
	die "dbus-daemon did not start"
export DBUS_SESSION_BUS_ADDRESS=unix:path=$run/bus
if [ $hidden = 1 ]; then
	command -v status-notifier-watcher >/dev/null ||
		die "status-notifier-watcher not found (apt-get install haskell-status-notifier-item-utils)"
	status-notifier-watcher >"$run/watcher.log" 2>&1 &
	watcher_pid=$!
	for _ in $(seq 100); do
		dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
			org.freedesktop.DBus.NameHasOwner string:org.kde.StatusNotifierWatcher 2>/dev/null |
			grep -q 'boolean true' && break
		sleep 0.1
	done
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.kde.StatusNotifierWatcher 2>/dev/null |
		grep -q 'boolean true' || die "status-notifier-watcher did not take its name (log: $run/watcher.log)"
	bus_text="private session bus with status-notifier-watcher (tray on)"
else
	bus_text="private bare session bus (no status-notifier-watcher: tray off)"
fi

# Fyne reads only $LANG (LANG=C.UTF-8 makes it log an error); GLFW sets LC_CTYPE from it,
# which needs the locale to exist.
if ! locale -a 2>/dev/null | grep -qix 'en_US.utf-\{0,1\}8'; then
	if [ "$(id -u)" = 0 ] && localedef -i en_US -c -f UTF-8 en_US.UTF-8 2>/dev/null; then
		log "generated the en_US.UTF-8 locale (localedef -i en_US -f UTF-8 en_US.UTF-8)"
	else
		note "the en_US.UTF-8 locale is not generated here; LANG=en_US.UTF-8 all the same (Fyne reads only the variable; GLFW's LC_CTYPE stays C)."
	fi
fi
export LANG=en_US.UTF-8
unset LC_ALL LC_CTYPE LC_MESSAGES
# Both programs keep their preferences and caches in this run's directory.
export XDG_CONFIG_HOME=$run/config XDG_CACHE_HOME=$run/cache
export BERTH_NO_TUTORIAL=1 # a fresh config would open the Getting started page too
export BERTH_TRACE_READY=1
unset BERTH_START_HIDDEN
clk_tck=$(getconf CLK_TCK)

# --- measuring ----------------------------------------------------------------------------------

# field LINE KEY prints KEY's value in a procstat line (NA if absent).
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | grep . || echo NA; }

# measure NAME LOGNAME [procstat flags...] prints procstat's line; a failure is added to
# $run/failures.
measure() {
	local name=$1 logname=$2 line
	shift 2
	local prog=$bin/minimal flags=(-title Minimal)
	case $name in
	berth | berth-hidden)
		prog=$berth_bin
		flags=(-title "$berth_title")
		[ $ready_impl = 0 ] || flags+=(-ready-rows "$containers")
		;;
	esac
	[ "$name" != berth-hidden ] || flags+=(-want-window=false)
	if [ "$name" = berth-hidden ]; then
		line=$(BERTH_START_HIDDEN=1 "$bin/procstat" -clk-tck "$clk_tck" -log "$run/logs/$logname.log" "${flags[@]}" "$@" -- "$prog") || true
	else
		line=$("$bin/procstat" -clk-tck "$clk_tck" -log "$run/logs/$logname.log" "${flags[@]}" "$@" -- "$prog") || true
	fi
	if [ -z "$line" ] || [ "$(field "$line" error)" != NA ]; then
		echo "$logname" >>"$run/failures" # measure runs in a subshell
		log "$logname: could not measure: $(field "$line" error) (log: $run/logs/$logname.log)"
	fi
	echo "${line:-error=procstat_failed}"
	sleep 1 # let the X server and the engine calm down between programs
}

# median of numbers (NA ignored), to 1 decimal.
median() {
	printf '%s\n' "$@" | { grep -v '^NA$' || true; } | sort -n |
		awk '{a[NR]=$1} END {if (NR == 0) print "NA"; else if (NR % 2) printf "%.1f\n", a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'
}
# ratio A B prints A/B to 2 decimals (NA if either is NA or B is 0).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "NA" || b == "NA" || b+0 == 0) print "NA"; else printf "%.2f\n", a/b}'; }
# minus A B prints A-B to 2 decimals.
minus() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "NA" || b == "NA") print "NA"; else printf "%+.2f\n", a-b}'; }
# verdict OK: "met" if the awk condition holds, "not met" if not, "-" if a value is NA.
verdict() { case $* in *NA*) echo "-" ;; *) awk "BEGIN {print (($*) ? \"met\" : \"not met\")}" ;; esac; }

log "containers: $containers labelled $label; the engine holds $total in all"
log "readiness: $([ $ready_impl = 1 ] && echo "window mapped and \"berth-ready rows>=$containers\"" || echo "window mapped only")"

# Start-up rounds.
min_start=() berth_start=() round_rows=()
for r in $(seq "$rounds"); do
	m=$(measure minimal "startup-minimal-$r")
	b=$(measure berth "startup-berth-$r")
	min_start+=("$(field "$m" start_ms)")
	berth_start+=("$(field "$b" start_ms)")
	round_rows+=("| $r | $(field "$m" start_ms) | $(field "$b" start_ms) | $(field "$b" map_ms) | $(field "$b" ready_ms) | $(field "$b" rows) |")
	printf 'round %d: minimal %s ms, Berth %s ms (window %s ms, ready line %s ms, rows %s, counted: %s)\n' "$r" \
		"$(field "$m" start_ms)" "$(field "$b" start_ms)" "$(field "$b" map_ms)" "$(field "$b" ready_ms)" \
		"$(field "$b" rows)" "$(field "$b" source)"
done

# quiet_cpu SERIES FROM EVENTS prints the CPU in % of one core over the seconds of an idle sample
# in which the engine sent no event (nor in the second before), and how many seconds those were:
# Berth works when other processes' tests change the engine, which is not idling.
quiet_cpu() {
	awk -v from="$2" -v tck="$clk_tck" '
		FILENAME == ARGV[1] { e[int($1 / 1e9 - from)] = 1; next } # events: one TimeNano a line
		/^#/ || $1 == 0 { next }
		{ k = int($1 + 0.5); if (e[k-1] || e[k-2]) next; ticks += $2; n++ }
		END { if (n == 0) print "NA 0"; else printf "%.2f %d\n", 100 * ticks / tck / n, n }
	' "$3" "$1"
}

# Idle samples, one program at a time.
idle_flags=(-settle "${settle}s" -idle "${idle_seconds}s")
idle_names=(minimal berth)
[ $hidden = 0 ] || idle_names+=(berth-hidden)
declare -A idle
if [ "$idle_seconds" -gt 0 ]; then
	for name in "${idle_names[@]}"; do
		log "idle: $name ($settle s after ready, then $idle_seconds s)"
		line=$(measure "$name" "idle-$name" "${idle_flags[@]}" \
			-shot "$run/logs/idle-$name.png" -series "$run/logs/idle-$name.series")
		events=NA quiet=NA quiet_s=NA
		if [ "$(field "$line" idle_from)" != NA ]; then
			if docker events --since "$(field "$line" idle_from)" --until "$(field "$line" idle_to)" \
				--format '{{.TimeNano}}' >"$run/logs/idle-$name.events" 2>/dev/null; then
				events=$(wc -l <"$run/logs/idle-$name.events")
				read -r quiet quiet_s < <(quiet_cpu "$run/logs/idle-$name.series" "$(field "$line" idle_from)" \
					"$run/logs/idle-$name.events")
			fi
		fi
		idle[$name]="$line events=$events quiet_pct=$quiet quiet_s=$quiet_s"
		printf 'idle %s: %s%% of one core (%s%% in the %s s without engine events), RSS %s MiB (max %s), %s engine events, rest of the machine %s%% of a core\n' \
			"$name" "$(field "$line" cpu_pct)" "$quiet" "$quiet_s" "$(field "$line" rss_mib)" "$(field "$line" rss_mib_max)" \
			"$events" "$(field "$line" others_pct)"
	done
fi

# --- report -------------------------------------------------------------------------------------

[ ! -f "$run/failures" ] || failures=$((failures + $(wc -l <"$run/failures")))
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain 2>/dev/null)" ] || commit="$commit + uncommitted changes"
med_min=$(median "${min_start[@]}")
med_berth=$(median "${berth_start[@]}")
start_ratio=$(ratio "$med_berth" "$med_min")

report() {
	echo "# Berth window benchmark (bench/window.sh)"
	echo
	echo "- $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, $(go env GOVERSION), Fyne $(go list -m -f '{{.Version}}' fyne.io/fyne/v2 2>/dev/null || echo '?')"
	echo "- $(nproc) cores, load average before the run $load_before; Xvfb $display 1280x800x24 (Mesa software GL, no window manager); LANG=$LANG; $bus_text"
	echo "- containers: $containers created (not started), labelled $label; the engine holds $total in all"
	if [ $ready_impl = 1 ]; then
		echo "- Berth's start: the later of its window being mapped (X MapNotify) and its \"berth-ready rows=N\" line with N >= $containers; the minimal window's: its window being mapped"
	else
		echo "- Berth's start: its window being mapped (X MapNotify) — no \"berth-ready\" line in this binary yet; the minimal window's: its window being mapped"
	fi
	echo "- Berth binary: ${berth_bin#"$repo"/}"
	if [ "$rounds" -gt 0 ]; then
		echo
		echo "## Start-up: process start to window ($rounds rounds, alternating, each started cold from the shell)"
		echo
		echo "| Round | Minimal (ms) | Berth (ms) | Berth window mapped (ms) | Berth ready line (ms) | Rows |"
		echo "|---:|---:|---:|---:|---:|---:|"
		printf '%s\n' "${round_rows[@]}"
		echo "| **Median** | **$med_min** | **$med_berth** | | | |"
		echo
		echo "Berth / minimal (medians): **${start_ratio}×**"
	fi
	if [ "$idle_seconds" -gt 0 ]; then
		local m=${idle[minimal]} name line label_text
		echo
		echo "## Idle: ${settle} s after ready, then ${idle_seconds} s of utime+stime and VmRSS (one program at a time)"
		echo
		echo "| Program | CPU (% of one core) | Over minimal (points) | CPU / minimal | RSS mean (MiB) | RSS max (MiB) | RSS / minimal | Engine events meanwhile | CPU in seconds without events (%) | Rest of the machine (% of a core) |"
		echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
		for name in "${idle_names[@]}"; do
			line=${idle[$name]}
			case $name in
			minimal) label_text="Minimal window" ;;
			berth) label_text="Berth, window shown" ;;
			berth-hidden) label_text="Berth, started hidden (BERTH_START_HIDDEN=1)" ;;
			esac
			echo "| $label_text | $(field "$line" cpu_pct) | $(minus "$(field "$line" cpu_pct)" "$(field "$m" cpu_pct)") | $(ratio "$(field "$line" cpu_pct)" "$(field "$m" cpu_pct)") | $(field "$line" rss_mib) | $(field "$line" rss_mib_max) | $(ratio "$(field "$line" rss_mib)" "$(field "$m" rss_mib)") | $(field "$line" events) | $(field "$line" quiet_pct) ($(field "$line" quiet_s) s) | $(field "$line" others_pct) |"
		done
	fi
	echo
	echo "## Goals (reported, not enforced)"
	echo
	echo "| Goal | Measured | |"
	echo "|---|---|---|"
	if [ "$rounds" -gt 0 ]; then
		local qual=""
		[ $ready_impl = 1 ] || qual=" (window only: no ready line yet)"
		echo "| Start-up with $containers containers ≤ 1.5× the minimal window (floor ≈ 0.2 s) | ${start_ratio}× ($med_berth ms vs $med_min ms) | $(verdict "$start_ratio <= 1.5")$qual |"
	fi
	if [ "$idle_seconds" -gt 0 ]; then
		local b=${idle[berth]} bc mc
		bc=$(field "$b" cpu_pct) mc=$(field "${idle[minimal]}" cpu_pct)
		echo "| Idle, window shown, < 1% of one core over ${idle_seconds} s | $bc% (minimal $mc%, $(minus "$bc" "$mc") points) | $(verdict "$bc < 1") absolute; $(verdict "$bc - $mc < 1") over minimal |"
		echo "| Idle RSS ≤ 1.25× the minimal window | $(ratio "$(field "$b" rss_mib)" "$(field "${idle[minimal]}" rss_mib)")× ($(field "$b" rss_mib) vs $(field "${idle[minimal]}" rss_mib) MiB) | $(verdict "$(ratio "$(field "$b" rss_mib)" "$(field "${idle[minimal]}" rss_mib)") <= 1.25") |"
		if [ $hidden = 1 ]; then
			local h=${idle[berth-hidden]} hc
			hc=$(field "$h" cpu_pct)
			echo "| Hidden to the tray, < 0.5% of one core over ${idle_seconds} s | $hc% (minimal $mc%) | $(verdict "$hc < 0.5") |"
			echo "| Hidden: RSS ≤ Berth with its window shown | $(field "$h" rss_mib) vs $(field "$b" rss_mib) MiB | $(verdict "$(field "$h" rss_mib) <= $(field "$b" rss_mib)") |"
		fi
	fi
	if [ ${#notes[@]} -gt 0 ] || [ $failures -gt 0 ]; then
		echo
		echo "## Notes"
		echo
		[ $failures = 0 ] || echo "- $failures measurement(s) failed; see the logs in ${run#"$repo"/}/logs/."
		local n
		for n in "${notes[@]}"; do echo "- $n"; done
	fi
}

# Notes drawn from the measurements.
if [ $hidden = 1 ] && [ "$idle_seconds" -gt 0 ]; then
	if [ "$(field "${idle[berth-hidden]}" window_mapped)" = true ]; then
		note "with BERTH_START_HIDDEN=1 Berth still mapped its window: this Berth does not start hidden yet, so the \"hidden\" row measures a shown window."
	fi
	if [ $ready_impl = 0 ]; then
		note "hidden: without a ready line, the idle sample began ${settle} s after the process started."
	fi
fi
if [ "$idle_seconds" -gt 0 ]; then
	busy=0
	for name in "${idle_names[@]}"; do
		o=$(field "${idle[$name]}" others_pct)
		[ "$o" = NA ] || [ "$o" -lt 20 ] || busy=1
	done
	[ $busy = 0 ] || note "other work kept the machine busy during idle samples (last column): start times are noisy, and CPU samples may include Berth's reactions to other processes' engine events."
fi

report | tee "$out"
log "report written to ${out#"$repo"/}; logs of every program in ${run#"$repo"/}/logs/"
[ $failures = 0 ] || exit 1
