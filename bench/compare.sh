#!/usr/bin/env bash
# bench/compare.sh: unoct side by side with sqlite3, fzf and VisiData on
# one synthetic corpus, timed by hyperfine in the same run.
#
#   bash bench/compare.sh            # 100,000 activities
#   bash bench/compare.sh 1000000    # a million
#
# It installs what it lacks from Debian (sqlite3, fzf, visidata,
# hyperfine, python3, time), generates the corpus with cmd/unoct-gen into
# $UNOCT_COMPARE_DIR (default $TMPDIR/unoct-compare-N, kept between runs),
# imports it into a store, exports the same activities for the other
# tools, and asks each pair the same question:
#
#   1. facet:  count by country for pillar II in 2021
#              unoct stats            vs  sqlite3 GROUP BY over indexed tables
#   2. search: the activities that mention "border security"
#              unoct list --search    vs  fzf --exact --filter, one line per activity
#   3. load plus a frequency table of countries
#              unoct stats --by country (open the store)  vs  VisiData in batch
#              mode (load the CSV export, split and unfurl the countries,
#              frequency table)
#   4. dump:   every activity as CSV
#              unoct list --format csv  vs  sqlite3 -csv SELECT * FROM activities
#
# and the peak resident memory (GNU time, ru_maxrss) of the full listing
# in every format that streams: list --format csv, json, jsonl, md, the
# tab-separated values list writes into a pipe, and export -o.
#
# Every command runs as a new process (hyperfine, shell mode, output
# discarded), so each time includes starting the tool and opening its
# data. The answers are checked against each other before timing.
# Results: $WORK/results.md (and stdout). Environment: RUNS (hyperfine
# runs per command, default 10), WARMUP (default 2), QUESTIONS (which of
# facet search freq dump to time, default all; the peak memory is
# always measured).
set -euo pipefail

N=${1:-100000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
QUESTIONS=${QUESTIONS:-facet search freq dump}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${UNOCT_COMPARE_DIR:-${TMPDIR:-/tmp}/unoct-compare-$N}
mkdir -p "$WORK"
cd "$WORK"

say() { printf '\n== %s\n' "$*" >&2; }

# ---- tools ----
missing=()
tools="sqlite3:sqlite3 hyperfine:hyperfine python3:python3"
[[ " $QUESTIONS " == *" search "* ]] && tools+=" fzf:fzf"
[[ " $QUESTIONS " == *" freq "* ]] && tools+=" vd:visidata"
for t in $tools; do
	command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
done
[ -x /usr/bin/time ] || missing+=(time)
if ((${#missing[@]})); then
	say "installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v go >/dev/null || { echo "compare.sh: needs Go to build unoct" >&2; exit 1; }

say "building unoct and unoct-gen"
(cd "$ROOT" && go build -o "$WORK/unoct" ./cmd/unoct && go build -o "$WORK/unoct-gen" ./cmd/unoct-gen)
UNOCT="$WORK/unoct"
DB="$WORK/unoct.db"

# ---- corpus and store ----
# The store is rebuilt when unoct changes (a new reader would re-read
# every document on the first command, one transaction per document).
stamp=$(cat "$WORK/unoct" "$WORK/unoct-gen" | sha256sum | cut -c1-16)
if [ ! -s "$DB" ] || [ "$(cat "$WORK/.imported" 2>/dev/null)" != "$stamp" ]; then
	say "generating and importing $N activities"
	rm -rf "$WORK/corpus" "$DB" "$WORK/.imported"
	/usr/bin/time -f 'generate+import: %e s, peak RSS %M KB' \
		"$WORK/unoct-gen" -activities "$N" -seed 1 -out "$WORK/corpus" -db "$DB"
	echo "$stamp" >"$WORK/.imported"
	rm -f "$WORK/acts.csv" "$WORK/acts.jsonl" "$WORK/lines.txt" "$WORK/acts.sqlite"
fi

# ---- the same activities for the other tools ----
if [ ! -s acts.csv ]; then
	say "exporting CSV and JSON Lines"
	"$UNOCT" --db "$DB" export -o acts.csv --force
	"$UNOCT" --db "$DB" list --format jsonl >acts.jsonl
fi
if [ ! -s lines.txt ]; then
	say "writing one line per activity for fzf"
	# The fields unoct's search reads: text, partners, people, places,
	# countries and regions.
	python3 - acts.jsonl lines.txt <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        a = json.loads(line)
        parts = [str(a["id"]), a["month"], a["text"]]
        for p in a["partners"]:
            parts += [p["acronym"], p["name"]]
        parts += a["people"]
        for s in a["sessions"]:
            parts += [s["place"], s["city"]]
        parts += [c["name"] for c in a["countries"]]
        parts += a["regions"]
        out.write(" | ".join(p.replace("\n", " ") for p in parts if p) + "\n")
PY
fi
if [ ! -s acts.sqlite ]; then
	say "loading the activities into sqlite3 (indexed tables)"
	rm -f acts.sqlite
	sqlite3 acts.sqlite <<SQL
CREATE TABLE raw(j TEXT);
.mode ascii
.separator "\037" "\n"
.import acts.jsonl raw
CREATE TABLE activities(id INTEGER PRIMARY KEY, month TEXT, start TEXT, section TEXT, branch TEXT, kind TEXT, text TEXT);
INSERT INTO activities SELECT j->>'id', j->>'month', j->>'\$.sessions[0].start', j->>'section', j->>'branch', j->>'kind', j->>'text' FROM raw;
CREATE TABLE activity_pillars(id INTEGER, pillar TEXT);
INSERT INTO activity_pillars SELECT r.j->>'id', p.value->>'pillar' FROM raw r, json_each(r.j, '\$.pillars') p;
CREATE TABLE activity_countries(id INTEGER, country TEXT);
INSERT INTO activity_countries SELECT r.j->>'id', c.value->>'code' FROM raw r, json_each(r.j, '\$.countries') c;
CREATE INDEX activities_month ON activities(month, id);
-- The months an activity's sessions overlap (a session longer than a
-- year counts its first 366 days), else its document's month: what
-- unoct's month facet holds.
CREATE TABLE activity_months(id INTEGER, month TEXT);
INSERT INTO activity_months
WITH RECURSIVE s(id, cur, last) AS (
  SELECT r.j->>'id', substr(x.value->>'start', 1, 7),
    substr(CASE WHEN date(x.value->>'end') IS NOT NULL AND x.value->>'end' >= x.value->>'start'
      THEN min(x.value->>'end', date(x.value->>'start', '+365 days')) ELSE x.value->>'start' END, 1, 7)
  FROM raw r, json_each(r.j, '\$.sessions') x WHERE date(x.value->>'start') IS NOT NULL
  UNION ALL
  SELECT id, strftime('%Y-%m', cur || '-01', '+1 month'), last FROM s WHERE cur < last)
SELECT DISTINCT id, cur FROM s;
INSERT INTO activity_months SELECT j->>'id', j->>'month' FROM raw WHERE j->>'id' NOT IN (SELECT id FROM activity_months);
CREATE INDEX activity_months_month ON activity_months(month, id);
CREATE INDEX activity_months_id ON activity_months(id, month);
CREATE INDEX activity_pillars_pillar ON activity_pillars(pillar, id);
CREATE INDEX activity_pillars_id ON activity_pillars(id, pillar);
CREATE INDEX activity_countries_id ON activity_countries(id, country);
CREATE INDEX activity_countries_country ON activity_countries(country, id);
DROP TABLE raw;
VACUUM;
ANALYZE;
SQL
fi
cat >freq.vdj <<'VDJ'
#!vd -p
{"longname": "open-file", "input": "acts.csv", "keystrokes": "o"}
{"sheet": "acts", "col": "countries", "row": "", "longname": "addcol-expr", "input": "countries.split('; ') if countries else []", "keystrokes": "="}
{"sheet": "acts", "col": "countries.split('; ') if countries else []", "row": "", "longname": "unfurl-col", "input": "", "keystrokes": "zM"}
{"col": "countries.split('; ') if countries else []_value", "row": "", "longname": "freq-col", "input": "", "keystrokes": "F"}
VDJ

# ---- the questions, and a check that both tools give the same answer ----
FACET_UNOCT="$UNOCT --db $DB stats --by country --pillar II --month 2021-01..2021-12 --format csv"
FACET_SQL="WITH ids AS (SELECT DISTINCT id FROM activity_months WHERE month BETWEEN '2021-01' AND '2021-12') SELECT c.country, count(*) AS n FROM ids JOIN activity_pillars p ON p.id = ids.id AND p.pillar = 'II' JOIN activity_countries c ON c.id = ids.id GROUP BY c.country ORDER BY n DESC, c.country"
FACET_SQLITE="sqlite3 -csv acts.sqlite \"$FACET_SQL\""
SEARCH_UNOCT="$UNOCT --db $DB list --format csv --search 'border security'"
SEARCH_FZF="fzf --exact --filter 'border security' < lines.txt"
FREQ_UNOCT="$UNOCT --db $DB stats --by country --format csv"
FREQ_VD="vd -b -p freq.vdj -o freq.tsv"
DUMP_UNOCT="$UNOCT --db $DB list --format csv"
DUMP_SQLITE="sqlite3 -csv acts.sqlite 'SELECT * FROM activities'"
asked() { [[ " $QUESTIONS " == *" $1 "* ]]; }

# value_count reads unoct's stats CSV as "value,activities" lines: the
# columns by name (labels hold commas, and totals follow the count), the
# closing line that sums up every activity (no value) left out.
value_count() {
	python3 -c 'import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["value"]:
        print(r["value"] + "," + r["activities"])'
}

say "checking that the answers agree"
if asked facet; then
eval "$FACET_UNOCT" | value_count | sort >facet.unoct
eval "$FACET_SQLITE" | sort >facet.sqlite
if cmp -s facet.unoct facet.sqlite; then
	echo "facet: same $(wc -l <facet.unoct) countries and counts" >&2
else
	echo "facet: the answers differ:" >&2
	diff facet.unoct facet.sqlite | head >&2
	exit 1
fi
fi
search_unoct=- search_fzf=-
if asked search; then
search_unoct=$(eval "$SEARCH_UNOCT" | python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)) - 1)')
search_fzf=$(eval "$SEARCH_FZF" | wc -l)
echo "search: unoct $search_unoct activities, fzf $search_fzf lines" >&2
fi
if asked freq; then
eval "$FREQ_UNOCT" | value_count | sort >freq.unoct
eval "$FREQ_VD" >/dev/null 2>&1
tail -n +2 freq.tsv | awk -F'\t' '$1 != "" {print $1","$2}' | sort >freq.vd
if cmp -s freq.unoct freq.vd; then
	echo "frequency: same $(wc -l <freq.unoct) countries and counts" >&2
else
	echo "frequency: the answers differ:" >&2
	diff freq.unoct freq.vd | head >&2
	exit 1
fi
fi
if asked dump; then
	dump_unoct=$(eval "$DUMP_UNOCT" | python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)) - 1)')
	dump_sqlite=$(eval "$DUMP_SQLITE" | python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)))')
	if [ "$dump_unoct" != "$N" ] || [ "$dump_sqlite" != "$N" ]; then
		echo "dump: unoct wrote $dump_unoct rows, sqlite3 $dump_sqlite, want $N" >&2
		exit 1
	fi
	echo "dump: both write $N activities" >&2
fi

# ---- timing ----
bench() { # name, runs, warm-up, hyperfine arguments...
	local name=$1 runs=$2 warmup=$3
	shift 3
	hyperfine --style basic --runs "$runs" --warmup "$warmup" --export-json "$name.json" "$@" >&2
}
say "timing (hyperfine: $RUNS runs, $WARMUP warm-up; VisiData a third as many)"
asked facet && bench facet "$RUNS" "$WARMUP" -n "unoct stats" "$FACET_UNOCT" -n "sqlite3" "$FACET_SQLITE"
asked search && bench search "$RUNS" "$WARMUP" -n "unoct list --search" "$SEARCH_UNOCT" -n "fzf --filter" "$SEARCH_FZF"
asked freq && bench freq "$(((RUNS + 2) / 3))" 1 -n "unoct stats --by country" "$FREQ_UNOCT" -n "vd -b (load + freq)" "$FREQ_VD"
asked dump && bench dump "$RUNS" "$WARMUP" -n "unoct list --format csv" "$DUMP_UNOCT" -n "sqlite3 -csv SELECT *" "$DUMP_SQLITE"

# ---- peak memory of the full listing, every streaming format ----
say "peak RSS of the full listing (GNU time)"
: >rss.txt
for f in csv json jsonl md; do
	/usr/bin/time -f "list --format $f	%M	%e	%U	%S" -a -o rss.txt "$UNOCT" --db "$DB" list --format "$f" >/dev/null
done
/usr/bin/time -f "list (into a pipe: TSV)	%M	%e	%U	%S" -a -o rss.txt "$UNOCT" --db "$DB" list | cat >/dev/null
/usr/bin/time -f "list --json id,month,text	%M	%e	%U	%S" -a -o rss.txt "$UNOCT" --db "$DB" list --json id,month,text >/dev/null
/usr/bin/time -f "export -o all.json	%M	%e	%U	%S" -a -o rss.txt "$UNOCT" --db "$DB" export -o all.json --force 2>/dev/null
/usr/bin/time -f "export -o all.csv	%M	%e	%U	%S" -a -o rss.txt "$UNOCT" --db "$DB" export -o all.csv --force 2>/dev/null
rm -f all.json all.csv
/usr/bin/time -f "sqlite3 -csv SELECT *	%M	%e	%U	%S" -a -o rss.txt sh -c "$DUMP_SQLITE" >/dev/null

# ---- the table ----
python3 - "$N" "$search_unoct" "$search_fzf" "$QUESTIONS" >results.md <<'PY'
import json, sys
n, su, sf, asked = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4].split()
rows = [("facet", "count by country for pillar II in 2021"),
        ("search", f'search "border security" ({su} activities; fzf {sf} lines)'),
        ("freq", "load + frequency table of countries"),
        ("dump", "every activity as CSV")]
# CPU time (user + system, hyperfine's means) beside the wall time: on
# a loaded machine the wall times of both tools stretch, their CPU times
# much less.
print(f"| question ({n:,} activities) | unoct | other tool | unoct / other | CPU: unoct / other |")
print("| --- | --- | --- | --- | --- |")
def cpu(x):
    return x["user"] + x["system"]
def fmt(x):
    sd = x.get("stddev") or 0
    return f'{x["mean"]*1000:.1f} ms ± {sd*1000:.1f} (CPU {cpu(x)*1000:.0f} ms)'
for key, q in rows:
    if key not in asked:
        continue
    r = json.load(open(key + ".json"))["results"]
    u, o = r[0], r[1]
    ratio = u["mean"] / o["mean"]
    faster = f" ({o['mean']/u['mean']:.0f}x faster)" if ratio < 0.1 else ""
    print(f'| {q} | {fmt(u)} | {o["command"]}: {fmt(o)} | **{ratio:.3g}x**{faster} | {cpu(u)/cpu(o):.3g}x |')
print()
print(f"| full listing ({n:,} activities) | peak RSS | wall | user CPU | system CPU |")
print("| --- | ---: | ---: | ---: | ---: |")
for line in open("rss.txt"):
    name, kb, wall, user, sys_ = line.rstrip("\n").split("\t")
    print(f"| {name} | {int(kb)/1024:.1f} MB | {wall} s | {user} s | {sys_} s |")
PY

# ---- the explorer's first frame, as a whole process in a terminal ----
say "timing the explorer from start to its first frame (a pty, 160x50)"
(cd "$ROOT" && go build -o "$WORK/firstframe" ./bench/internal/firstframe)
frame=$(XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" \
	"$WORK/firstframe" -runs "$RUNS" -warmup "$WARMUP" -- "$UNOCT" --db "$DB" --fresh | tail -n 1)
printf '\nexplorer, start to the first frame with the count (%s activities): %s\n' "$N" "$frame" >>results.md

say "results ($WORK/results.md)"
cat results.md
