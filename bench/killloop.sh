#!/usr/bin/env bash
# killloop.sh: kill -9 `unoct import` at random moments and check that
# the store survives every time.
#
# It builds unoct, makes a large set of documents (the test documents
# copied many times under other names and months, each copy made unique
# so that none is skipped as a duplicate), and reads them once into a
# reference store for the activity count of every document. Then, ROUNDS
# times:
#   1. start `unoct import` of all the documents into a fresh store, in
#      the background;
#   2. sleep a random 50-2000 ms and kill -9 it;
#   3. `unoct doctor` must report OK (bbolt's page check and the store's
#      invariants);
#   4. every document in the store must have exactly its reference
#      activity count (`unoct stats --by document`), and the activities
#      listed (`unoct list --format jsonl`) must add up: each document
#      wholly present or wholly absent;
#   5. a second import must complete on the killed store, which must then
#      hold every document whole and pass doctor.
# It prints one line per round and a summary, and exits 1 on any failure.
#
#   bench/killloop.sh                  # 25 rounds, 150 copies of each document (600)
#   ROUNDS=5 COPIES=10 bench/killloop.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-25}
COPIES=${COPIES:-150}
work=$(mktemp -d "${TMPDIR:-/tmp}/unoct-killloop.XXXXXX")
trap 'rm -rf "$work"' EXIT

say() { printf '%s\n' "$*"; }
fail() { say "FAIL: $*"; exit 1; }

say "== build"
go build -o "$work/unoct" ./cmd/unoct
unoct="$work/unoct"

say "== documents"
mkdir -p "$work/docs"
n=0
for c in $(seq 1 "$COPIES"); do
  for src in testdata/highlights/2020-06.md testdata/highlights/2020-11.md testdata/highlights/2021-03.md testdata/highlights/highlights-q.md; do
    n=$((n + 1))
    # Months from 2001-01 on, one per document: the month comes from the
    # file name. The copy number, written into the text, makes each
    # document's content (and so its hash) unique.
    y=$((2001 + (n - 1) / 12)); m=$(((n - 1) % 12 + 1))
    name=$(printf 'kl-%04d-%02d-%s' "$y" "$m" "$(basename "$src")")
    sed -e "1s/^/Copy $c of $(basename "$src").\n\n/" "$src" > "$work/docs/$name"
  done
done
say "$n documents, $(du -sh "$work/docs" | cut -f1)"

say "== reference import"
start=$(date +%s.%N)
UNOCT_DB="$work/ref.db" "$unoct" import "$work"/docs/*.md > "$work/ref.out" 2>&1 || { cat "$work/ref.out"; fail "the reference import failed"; }
took=$(echo "$(date +%s.%N) - $start" | bc)
UNOCT_DB="$work/ref.db" "$unoct" stats --by document --format json > "$work/ref.json"
ref_docs=$(jq length "$work/ref.json")
ref_acts=$(jq '[.[].count] | add' "$work/ref.json")
say "reference: $ref_docs documents, $ref_acts activities, imported in ${took}s"

# check DB LABEL: doctor OK, each document whole. Sets docs and acts. A
# store the kill left uncreated holds nothing: wholly absent.
check() {
  local db=$1 label=$2 out bad listed
  docs=0; acts=0
  [ -e "$db" ] || return 0
  out=$(UNOCT_DB="$db" "$unoct" doctor 2>&1) || fail "$label: doctor: $out"
  grep -q ': OK' <<<"$out" || fail "$label: doctor: $out"
  UNOCT_DB="$db" "$unoct" stats --by document --format json > "$work/got.json" 2> "$work/stats.err" || fail "$label: stats: $(cat "$work/stats.err")"
  bad=$(jq -r --slurpfile ref "$work/ref.json" '
      ($ref[0] | map({(.value): .count}) | add) as $want
      | .[] | select(.count != $want[.value]) | "\(.value): \(.count) activities, want \($want[.value])"' "$work/got.json")
  [ -z "$bad" ] || fail "$label: documents not whole: $bad"
  docs=$(jq length "$work/got.json")
  acts=$(jq '[.[].count] | add // 0' "$work/got.json")
  listed=$(UNOCT_DB="$db" "$unoct" list --format jsonl | wc -l)
  [ "$listed" -eq "$acts" ] || fail "$label: list shows $listed activities, stats $acts"
}

say "== $ROUNDS rounds"
landed=0; partial=0; total_ms=0
for r in $(seq 1 "$ROUNDS"); do
  db="$work/r$r.db"
  ms=$((50 + RANDOM % 1951))
  UNOCT_DB="$db" "$unoct" import "$work"/docs/*.md > "$work/imp.out" 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  state="finished before the kill"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    state="killed mid-import"
    landed=$((landed + 1))
  fi
  wait "$pid" 2>/dev/null || true
  check "$db" "round $r after the kill"
  killed_docs=$docs; killed_acts=$acts
  [ "$docs" -lt "$ref_docs" ] && partial=$((partial + 1))
  # The killed store takes the rest of the import.
  UNOCT_DB="$db" "$unoct" import "$work"/docs/*.md > "$work/imp2.out" 2>&1 || { tail -5 "$work/imp2.out"; fail "round $r: import after the kill failed"; }
  check "$db" "round $r after re-import"
  [ "$docs" -eq "$ref_docs" ] && [ "$acts" -eq "$ref_acts" ] || fail "round $r: after re-import $docs documents, $acts activities; want $ref_docs, $ref_acts"
  total_ms=$((total_ms + ms))
  printf 'round %2d: kill at %4d ms (%s): %3d/%d documents, %5d activities, all whole; doctor OK; re-import complete, doctor OK\n' \
    "$r" "$ms" "$state" "$killed_docs" "$ref_docs" "$killed_acts"
  rm -f "$db"
done

say "== summary"
say "rounds: $ROUNDS; kills that landed mid-import: $landed; rounds with some documents absent: $partial"
say "every round: doctor OK after the kill, every document wholly present or wholly absent, re-import complete"
say "machine: $(nproc) CPUs, Linux $(uname -r), $(go version | cut -d' ' -f3)"
