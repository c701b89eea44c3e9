#!/usr/bin/env bash
# dockerd's CPU while Berth shows the CPU and memory columns (issue 10): 50 running containers
# of the test bed's web image, dockerd's CPU over 60 s without Berth, then over 60 s with Berth
# under Xvfb (window shown, the setting on). Goal: Berth adds under 2% of a core to dockerd.
#
#   bash bench/usage-cpu.sh [SECONDS]      default 60
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
bash scripts/testenv.sh up >/dev/null
work=$(mktemp -d /tmp/berth-usage.XXXXXX)
label=berth.bench=usage
cleanup() {
	[ -z "${berth:-}" ] || kill "$berth" 2>/dev/null || true
	[ -z "${xvfb:-}" ] || kill "$xvfb" 2>/dev/null || true
	ids=$(docker ps -aq --filter "label=$label")
	[ -z "$ids" ] || docker rm -f $ids >/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
export LANG=en_US.UTF-8
go test -tags e2e -count=1 -run '^TestImages$' ./internal/testbed/ >/dev/null # builds the web image if missing
img=localhost:5000/berthtest/web:1
for i in $(seq 50); do docker run -d --label "$label" --name "berthbench-usage-$i" "$img" >/dev/null; done
go build -o "$work/berth" .
pid=$(pgrep -xo dockerd)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
measure() { # measure SECONDS: dockerd's CPU in % of a core
	local a b
	a=$(ticks); sleep "$1"; b=$(ticks)
	awk -v a="$a" -v b="$b" -v hz="$hz" -v s="$1" 'BEGIN { printf "%.2f", (b - a) * 100 / hz / s }'
}
sleep 5
base=$(measure "$secs")
mkdir -p "$work/config/fyne/io.github.berth"
echo '{"containers.usage":true}' >"$work/config/fyne/io.github.berth/preferences.json"
Xvfb :47 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=:47 XDG_CONFIG_HOME=$work/config BERTH_NO_TUTORIAL=1 "$work/berth" >"$work/berth.log" 2>&1 &
berth=$!
sleep 10 # the window shows, the first readings are taken
with=$(measure "$secs")
echo "dockerd CPU, 50 running containers: ${base}% of a core without Berth, ${with}% with Berth showing the CPU and memory columns (+$(awk -v a="$base" -v b="$with" 'BEGIN { printf "%.2f", b - a }') points), over ${secs} s each"
