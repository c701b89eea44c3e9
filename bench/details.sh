#!/usr/bin/env bash
# Container details benchmarks (issue 10): opening the details to the Overview with 1,000
# containers in the engine, listing a folder of 10,000 entries in the Files tab, and a
# 100 MB download against `docker cp` in the same run. See docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/testenv.sh up
count=${COUNT:-20}
cleanup() {
	ids=$(docker ps -aq --filter label=berth.bench)
	[ -z "$ids" ] || docker rm -f $ids >/dev/null
}
trap cleanup EXIT
go test -tags e2e -run '^$' -bench 'BenchmarkRealDetailsOpen' -benchtime "${count}x" -count 1 ./gui/details/ | grep -v '^20' | tee bench/details.out
go test -tags e2e -run '^$' -bench 'BenchmarkRealFiles' -benchtime "$(( (count + 1) / 2 ))x" -count 1 ./gui/details/ | grep -v '^20' | tee -a bench/details.out
