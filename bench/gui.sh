#!/usr/bin/env bash
# Main-window and tray benchmarks (issues 3, 4): filtering 10,000 rows, a CLI `docker stop`
# reaching the window (1,000 containers) and the tray menu. See docs/PERFORMANCE.md.
# Start-up, idle CPU and memory against a bare Fyne window: bench/window.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/testenv.sh up
count=${COUNT:-20}
cleanup() {
	ids=$(docker ps -aq --filter label=berth.bench)
	[ -z "$ids" ] || docker rm -f $ids >/dev/null
}
trap cleanup EXIT
go test -tags e2e -run '^$' -bench 'BenchmarkContainersFilter10k' -benchtime 300x -count 1 ./gui/containers/ | tee bench/gui.out
go test -tags e2e -run '^$' -bench 'BenchmarkRealCLIStopToScreen' -benchtime "${count}x" -count 1 ./gui/ | tee -a bench/gui.out
go test -tags e2e -run '^$' -bench 'BenchmarkRealTrayMenuUpdate' -benchtime "${count}x" -count 1 ./gui/ | tee -a bench/gui.out
