#!/usr/bin/env bash
# Engine benchmarks over 1,000 created containers (issue 2). See docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/testenv.sh up
count=${COUNT:-20}
cleanup() {
	ids=$(docker ps -aq --filter label=berth.bench)
	[ -z "$ids" ] || docker rm -f $ids >/dev/null
}
trap cleanup EXIT
go test -run '^$' -bench 'BenchmarkReal' -benchtime "${count}x" -count 1 -tags e2e ./engine/docker/ | tee bench/engine.out
