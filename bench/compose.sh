#!/usr/bin/env bash
# What linking Docker's compose code into Berth would cost, against the Berth that ships it
# in its helper program berth-compose: binary sizes, start-up to the first list shown, idle
# CPU and resident memory (each Berth started the same way, interleaved, under one Xvfb),
# and the helper's own time and peak memory for config, up, ps and down. See bench/README.md.
#
#   bench/compose.sh [--rounds N] [--idle-seconds S] [--display :N]
#
# Builds into .bench/compose/: berth-base (go build .), berth-linked (go build -tags
# composelinked .: the same Berth with engine/docker/composehelper linked in and reachable) and
# berth-compose. The engine's containers are whatever it holds (other processes' tests
# included): both Berths see the same engine, round after round, base then linked.
# Prints a Markdown report, also written to bench/compose.out.
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

rounds=5 idle_seconds=20 display=:38
while [ $# -gt 0 ]; do
	case $1 in
	--rounds) rounds=$2; shift ;;
	--idle-seconds) idle_seconds=$2; shift ;;
	--display) display=$2; shift ;;
	-h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "compose.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
log() { printf 'compose.sh: %s\n' "$*" >&2; }
die() { printf 'compose.sh: ERROR: %s\n' "$*" >&2; exit 1; }

bin=$repo/.bench/compose
run=$bin/run
out=$repo/bench/compose.out
xvfb_pid="" dbus_pid="" project=berthtest-bench-compose-$$
cleanup() {
	local rc=$?
	[ -z "$dbus_pid" ] || kill "$dbus_pid" 2>/dev/null || true
	[ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
	[ ! -x "$bin/berth-compose" ] || "$bin/berth-compose" down -p "$project" >/dev/null 2>&1 || true
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash scripts/testenv.sh up >&2
image=localhost:5000/berthtest/web:1
docker image inspect "$image" >/dev/null 2>&1 || go test -count=1 -run '^TestImages$' ./internal/testbed/ >&2

mkdir -p "$bin"
rm -rf "$run"
mkdir -p "$run/logs" "$run/config" "$run/cache"
log "building berth-base, berth-linked, berth-compose, procstat"
go build -o "$bin/berth-base" .
go build -tags composelinked -o "$bin/berth-linked" .
go build -o "$bin/berth-compose" ./cmd/berth-compose
go build -o "$bin/procstat" ./bench/procstat

export DISPLAY=$display
if ! xdotool getdisplaygeometry >/dev/null 2>&1; then
	Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >"$run/xvfb.log" 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 100); do
		xdotool getdisplaygeometry >/dev/null 2>&1 && break
		sleep 0.1
	done
	xdotool getdisplaygeometry >/dev/null 2>&1 || die "Xvfb $display does not answer"
fi
xdotool mousemove 1279 799 >/dev/null 2>&1 || true
dbus_pid=$(dbus-daemon --session --fork --print-pid --address="unix:path=$run/bus") || die "dbus-daemon did not start"
export DBUS_SESSION_BUS_ADDRESS=unix:path=$run/bus
export LANG=en_US.UTF-8 XDG_CONFIG_HOME=$run/config XDG_CACHE_HOME=$run/cache BERTH_TRACE_READY=1
unset LC_ALL LC_CTYPE LC_MESSAGES BERTH_START_HIDDEN
clk_tck=$(getconf CLK_TCK)

field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | grep . || echo NA; }
median() { printf '%s\n' "$@" | { grep -v '^NA$' || true; } | sort -n | awk '{a[NR]=$1} END {if (NR==0) print "NA"; else if (NR%2) printf "%.1f\n", a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

declare -A start rss cpu
for r in $(seq "$rounds"); do
	for v in base linked; do
		line=$("$bin/procstat" -clk-tck "$clk_tck" -log "$run/logs/$v-$r.log" -title Berth -ready-rows 1 \
			-settle 5s -idle "${idle_seconds}s" -- "$bin/berth-$v") || true
		s=$(field "$line" start_ms) m=$(field "$line" rss_mib) c=$(field "$line" cpu_pct)
		start[$v]+="$s " rss[$v]+="$m " cpu[$v]+="$c "
		log "round $r $v: start ${s} ms, idle RSS ${m} MiB, CPU ${c}% ($(field "$line" error))"
		sleep 1
	done
done

# The helper alone, as Berth runs it.
dir=$run/project
mkdir -p "$dir"
printf 'services:\n  web:\n    image: %s\n  api:\n    image: %s\n    depends_on: [web]\n' "$image" "$image" >"$dir/compose.yaml"
helper() {
	local what=$1
	shift
	/usr/bin/time -f "%e %M" -o "$run/time" "$bin/berth-compose" "$@" >/dev/null
	read -r secs kb <"$run/time"
	printf '| `berth-compose %s` | %.2f s | %.1f MiB |\n' "$what" "$secs" "$(awk -v k="$kb" 'BEGIN{print k/1024}')"
}
command -v /usr/bin/time >/dev/null || die "/usr/bin/time is missing (apt-get install time)"
helper_rows=$(
	helper config config -f "$dir/compose.yaml" -p "$project"
	helper up up -f "$dir/compose.yaml" -p "$project"
	helper ps ps -p "$project"
	helper down down -p "$project"
)
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN{printf "%.1f", b/1048576}'; }
busy=$(uptime | sed 's/.*load average: //')

{
	echo "## Compose: linked into Berth, or in its helper"
	echo
	echo "$(date -u +%F), $(nproc) cores, load average $busy; $rounds rounds, base then linked, ${idle_seconds} s idle samples."
	echo
	echo "| | Berth (ships) | Berth + compose linked | linked / base |"
	echo "|---|---|---|---|"
	sb=$(size "$bin/berth-base") sl=$(size "$bin/berth-linked")
	echo "| binary | $sb MiB | $sl MiB | $(awk -v a="$sl" -v b="$sb" 'BEGIN{printf "%.2f×", a/b}') |"
	for k in start rss cpu; do
		case $k in start) name="start-up to the list shown, median ms" vb=${start[base]} vl=${start[linked]} ;;
		rss) name="idle resident memory, median MiB" vb=${rss[base]} vl=${rss[linked]} ;;
		cpu) name="idle CPU, median % of a core" vb=${cpu[base]} vl=${cpu[linked]} ;;
		esac
		# shellcheck disable=SC2086
		mb=$(median $vb) ml=$(median $vl)
		echo "| $name | $mb ($vb) | $ml ($vl) | $(awk -v a="$ml" -v b="$mb" 'BEGIN{if (b+0==0) print "NA"; else printf "%.2f×", a/b}') |"
	done
	echo "| berth-compose (the helper) | $(size "$bin/berth-compose") MiB | | |"
	echo
	echo "| the helper, run alone | wall time | peak RSS |"
	echo "|---|---|---|"
	echo "$helper_rows"
} | tee "$out"
