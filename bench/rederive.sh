#!/usr/bin/env bash
# rederive.sh: the re-derivation a reader upgrade (or a schema upgrade)
# makes the first command do, on a copy of the benchmark store of N
# activities.
#
#   1. schema upgrade: the store marked as schema 1
#      (bench/internal/agestore), then `unoct list --limit 1`, timed
#      (wall, CPU, peak RSS); `unoct doctor` must say OK;
#   2. reader upgrade: every document marked as read by an older reader,
#      then the same command, timed; a second one must have nothing to do;
#   3. interrupted and resumed: the same, killed (SIGKILL) after KILL
#      seconds, then run again to the end, timed: the second run reads
#      only the documents the first did not store.
#
#   bench/rederive.sh            # 100,000 activities
#   bench/rederive.sh 1000000    # a million (the store is 1.8 GB)
#
# The store comes from the benchmarks' cache ($UNOCT_BENCH_DIR, default
# $TMPDIR/unoct-bench); make it first with
#   go test ./bench -run '^$' -bench '^BenchmarkOpen$/n=100k' -benchtime 1x
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-100000}
KILL=${KILL:-3}
dir=${UNOCT_BENCH_DIR:-${TMPDIR:-/tmp}/unoct-bench}
src="$dir/store-$N-1-g2.db"
if [ ! -f "$src" ]; then
	echo "no benchmark store at $src: build it first (see the comment at the top)" >&2
	exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/unoct-rederive.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/unoct" ./cmd/unoct
go build -o "$work/agestore" ./bench/internal/agestore
db="$work/unoct.db"
# timed runs a command under /usr/bin/time; its figures go to the
# terminal (stderr of this script), whatever the command's are redirected to.
exec 3>&2
timed() { /usr/bin/time -a -o /dev/fd/3 -f "  %e s wall, %U s user + %S s sys CPU, %M KB peak RSS" "$@"; }

cp "$src" "$db"
echo "== $N activities: schema upgrade (load: $(cut -d' ' -f1-3 /proc/loadavg))"
"$work/agestore" -schema 1 "$db"
timed "$work/unoct" --db "$db" list --limit 1 --format csv >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
grep -q "upgrading the store" "$work/err" || { echo "no upgrade happened"; cat "$work/err"; exit 1; }
"$work/unoct" --db "$db" doctor | sed 's/^/  /'

echo "== reader upgrade (load: $(cut -d' ' -f1-3 /proc/loadavg))"
"$work/agestore" "$db"
timed "$work/unoct" --db "$db" list --limit 1 --format csv >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
grep -q "the reader has changed" "$work/err" || { echo "no re-derivation happened"; cat "$work/err"; exit 1; }
"$work/unoct" --db "$db" list --limit 1 --format csv >/dev/null 2>"$work/err2"
if [ -s "$work/err2" ]; then echo "the second command did something:"; cat "$work/err2"; exit 1; fi

echo "== reader upgrade interrupted after ${KILL} s (SIGKILL), then resumed (load: $(cut -d' ' -f1-3 /proc/loadavg))"
"$work/agestore" "$db"
"$work/unoct" --db "$db" list --limit 1 --format csv >/dev/null 2>&1 &
pid=$!
sleep "$KILL"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
"$work/unoct" --db "$db" doctor | sed 's/^/  /'
timed "$work/unoct" --db "$db" list --limit 1 --format csv >/dev/null
"$work/unoct" --db "$db" doctor | sed 's/^/  /'
