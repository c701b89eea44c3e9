#!/usr/bin/env bash
# The log view over a big log (issue 9), against the docker CLI in the same run.
#
#   bench/logs.sh [--lines N] [--keep] [--history]
#
# --history runs only what the whole history's ratio needs (the CLI before and after, the
# reader, the log view): no grep baselines and no follow benchmark.
#
# 1. Starts the test bed and builds the log writer image (testdata/logwriter).
# 2. Makes one container, berthbench-logs-N, that wrote N lines (default 1,000,000, about
#    100 MB with its colour codes; reused by a later run with --keep) and waits until it exits.
# 3. Baselines: `docker logs -t NAME > /dev/null` (before and after Berth's runs: the machine is
#    shared) and `docker logs NAME 2>&1 | grep -c PATTERN` for a literal and a regexp.
# 4. Berth, as Go benchmarks (-tags e2e, Fyne's test driver, no GPU window):
#    BenchmarkRealLogsRead   the engine reader alone over the whole log;
#    BenchmarkLogsHistory    the log view: the last screenful, the whole history, the
#                            first and later searches, resident memory before/with/after;
#    BenchmarkLogsFollow     following a writer of 20,000 lines a second for 10 s: the longest
#                            stall of the UI goroutine, CPU, lines seen against lines written.
# Writes everything to bench/logs.out, with the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=1000000 keep=0 only_history=0
while [ $# -gt 0 ]; do
	case $1 in
	--lines) lines=$2; shift ;;
	--keep) keep=1 ;;
	--history) only_history=1 ;;
	*) echo "logs.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
log() { printf 'logs.sh: %s\n' "$*" >&2; }
export LANG=en_US.UTF-8
name=berthbench-logs-$lines
image=localhost:5000/berthtest/logwriter:1
cleanup() { [ "$keep" = 1 ] || docker rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT

bash scripts/testenv.sh up >&2
go test -tags e2e -count=1 -run '^TestLogWriterImage$' ./internal/testbed/ >&2
if [ "$(docker inspect -f '{{.State.Status}}' "$name" 2>/dev/null)" != exited ]; then
	docker rm -f "$name" >/dev/null 2>&1 || true
	log "a container that writes $lines lines"
	docker run -d --name "$name" --label berth.bench=logs "$image" -n "$lines" >/dev/null
	docker wait "$name" >/dev/null
fi

secs() { # secs CMD...: wall seconds of a shell command line
	local t0 t1
	t0=$(date +%s.%N)
	bash -c "$1" >/dev/null 2>&1
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
out=bench/logs.out
: >"$out"
log "docker logs -t (before)"
cli_before=$(secs "docker logs -t $name")
grep_lit=0 grep_re=0
if [ "$only_history" = 0 ]; then
	grep_lit=$(secs "docker logs $name 2>&1 | grep -c 'upstream timed out'")
	grep_re=$(secs "docker logs $name 2>&1 | grep -cE 'status=50[0-9] bytes'")
fi
log "Berth"
export BERTH_BENCH_LOGS=$name
go test -tags e2e -count=1 -run '^$' -bench '^BenchmarkRealLogsRead$' -benchtime 1x -timeout 20m ./engine/docker/ | tee -a "$out" >&2
log "docker logs -t (between)"
cli_mid=$(secs "docker logs -t $name")
go test -tags e2e -count=1 -run '^$' -bench '^BenchmarkLogsHistory$' -benchtime 1x -timeout 20m ./gui/logs/ | tee -a "$out" >&2
[ "$only_history" = 1 ] ||
	go test -tags e2e -count=1 -run '^$' -bench '^BenchmarkLogsFollow$' -benchtime 1x -timeout 20m ./gui/logs/ | tee -a "$out" >&2
log "docker logs -t (after)"
cli_after=$(secs "docker logs -t $name")

metric() { # metric NAME: the value before " NAME" in the benchmark lines
	awk -v m="$1" '{ for (i = 2; i <= NF; i++) if ($i == m) v = $(i - 1) } END { print v }' "$out"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
cli=$(awk -v a="$cli_before" -v b="$cli_after" 'BEGIN { printf "%.2f", (a < b ? a : b) }')
cli_mean=$(awk -v a="$cli_before" -v b="$cli_after" 'BEGIN { printf "%.2f", (a + b) / 2 }')
# Each of Berth's runs against the mean of the CLI runs just before and just after it: the
# machine's load moves the CLI's own time by up to 2x within minutes.
cli_read=$(awk -v a="$cli_before" -v b="$cli_mid" 'BEGIN { printf "%.2f", (a + b) / 2 }')
cli_view=$(awk -v a="$cli_mid" -v b="$cli_after" 'BEGIN { printf "%.2f", (a + b) / 2 }')
hist=$(metric history_s)
read_s=$(metric read_s)
{
	echo
	echo "lines=$lines load=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)"
	echo "docker logs -t: ${cli_before} s before, ${cli_mid} s between, ${cli_after} s after (best of before and after ${cli} s, their mean ${cli_mean} s)"
	echo "the reader alone: ${read_s} s ($(ratio "$read_s" "$cli_read")x the mean of the CLI runs around it; $(ratio "$read_s" "$cli")x the best)"
	echo "the log view: last screenful $(metric screenful_ms) ms, whole history ${hist} s ($(ratio "$hist" "$cli_view")x the mean of the CLI runs around it; $(ratio "$hist" "$cli")x the best)"
	echo "search, literal: grep ${grep_lit} s; Berth first $(metric literal_first_ms) ms, later $(metric literal_later_ms) ms ($(ratio "$(metric literal_first_ms)" "$(awk -v g="$grep_lit" 'BEGIN{print g*1000}')")x / $(ratio "$(metric literal_later_ms)" "$(awk -v g="$grep_lit" 'BEGIN{print g*1000}')")x grep), $(metric literal_hits) lines"
	echo "search, regexp: grep -E ${grep_re} s; Berth first $(metric regexp_first_ms) ms, later $(metric regexp_later_ms) ms ($(ratio "$(metric regexp_first_ms)" "$(awk -v g="$grep_re" 'BEGIN{print g*1000}')")x / $(ratio "$(metric regexp_later_ms)" "$(awk -v g="$grep_re" 'BEGIN{print g*1000}')")x grep), $(metric regexp_hits) lines"
	echo "resident memory: $(metric rss_before_MB) MB before, $(metric rss_fonts_MB) MB with the fonts loaded, $(metric rss_with_MB) MB with the log, $(metric rss_searched_MB) MB after the searches, $(metric rss_after_MB) MB after closing"
	echo "follow 20,000 lines/s: longest UI stall $(metric longest_stall_ms) ms, CPU $(metric cpu_%core)% of a core, $(metric lines_seen) of $(metric lines_written) lines seen"
} | tee -a "$out"
